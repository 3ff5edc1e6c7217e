"""Reading a page's schema.org JSON-LD in tests."""

import json
import re


def page_jsonld(html: str) -> list[dict]:
    """The page's own JSON-LD blocks: its breadcrumb trail (a BreadcrumbList beside them) is tested on its own."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    return [data for data in map(json.loads, blocks) if data.get("@type") != "BreadcrumbList"]
