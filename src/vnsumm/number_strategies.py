"""The choices of how numbers are made right, in one table (kept free of imports: ``--help`` reads it).

The strategies themselves are in :mod:`vnsumm.numbers.strategy`, the placeholder forms in
:mod:`vnsumm.numbers.protect`; the default is the strategy that measured best (README, "Numbers made right").
"""

from __future__ import annotations

STRATEGIES: dict[str, str] = {
    "check": "report wrong numbers, change nothing",
    "repair": "rewrite wrong number spans; translate a sentence that still fails again (protected, next-best "
    "hypotheses, Roman ordinals in digits, clause by clause) and keep the English that fails fewest numbers",
    "protect": "translate with numbers replaced by placeholders, put the renderings back, then repair",
}
DEFAULT_STRATEGY = "repair"

# Placeholder forms of ``protect`` (models.yaml ``placeholder:``), defined in vnsumm.numbers.protect.
PLACEHOLDER_FORMS = ("rendering", "tag", "token")
DEFAULT_PLACEHOLDER = "rendering"
