"""Public pages of the support programmes: the list, and a programme with its call and (if published) awards."""

from __future__ import annotations

from django.shortcuts import get_object_or_404, render

from craftcity.support import selectors


def programmes(request):
    return render(request, "public/programmes.html", {"programmes": selectors.public_programmes()})


def programme(request, slug):
    item = get_object_or_404(selectors.public_programmes(), slug=slug)
    return render(request, "public/programme.html", {"programme": item, **selectors.programme_awards(item)})
