"""Learning walks: the plan (walk, look-fors, visits, walkers) and what the team records."""

from .records import AgreedAction, Feedback, Finding, Observation, WalkReport
from .walks import LearningWalk, LookFor, ObservationTemplate, Purpose, Visit, Walker, WalkerRole

__all__ = [
    "AgreedAction",
    "Feedback",
    "Finding",
    "LearningWalk",
    "LookFor",
    "Observation",
    "ObservationTemplate",
    "Purpose",
    "Visit",
    "WalkReport",
    "Walker",
    "WalkerRole",
]
