"""Walking-tour planning without Django: walking times, opening hours, and solvers that pick and order stops.

Stops carry opening windows (minutes since midnight on the day of the walk), a visit length and a prize;
a solver returns the order that sees the most (by prize) and, among equals, walks the least.
"""

from .geo import Point, WalkModel
from .model import Plan, Problem, Skip, Stop, Visit
from .solve import available_solvers, solve

__all__ = ["Plan", "Point", "Problem", "Skip", "Stop", "Visit", "WalkModel", "available_solvers", "solve"]
