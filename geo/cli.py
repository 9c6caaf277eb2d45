"""Command lines in Dutch: argparse with Dutch usage, help and error messages.

argparse writes its own texts in English ("usage:", "the following arguments are required"); a
planner who runs ``python -m geo.toets`` reads them in Dutch, like every other message.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import Any, NoReturn

# argparse's messages (Python 3.11) and their Dutch text; groups are kept in order.
MESSAGES = (
    (r"the following arguments are required: (.*)", r"verplicht argument ontbreekt: \1"),
    (r"unrecognized arguments: (.*)", r"onbekend argument: \1"),
    (r"argument (.+?): expected one argument", r"argument \1: verwacht één waarde"),
    (r"argument (.+?): expected at most one argument", r"argument \1: verwacht hoogstens één waarde"),
    (r"argument (.+?): expected at least one argument", r"argument \1: verwacht minstens één waarde"),
    (r"argument (.+?): expected (\d+) arguments?", r"argument \1: verwacht \2 waarden"),
    (r"argument (.+?): invalid choice: (.*) \(choose from (.*)\)", r"argument \1: ongeldige keuze \2 (kies uit \3)"),
    (r"argument (.+?): invalid (\S+) value: (.*)", r"argument \1: ongeldige waarde \3"),
    (r"argument (.+?): not allowed with argument (.*)", r"argument \1: niet samen met \2"),
    (r"argument (.+?): ignored explicit argument (.*)", r"argument \1: waarde \2 genegeerd"),
    (r"ambiguous option: (.+?) could match (.*)", r"dubbelzinnige optie \1: kan \2 zijn"),
    (r"one of the arguments (.*) is required", r"een van de argumenten \1 is verplicht"),
)


def dutch(message: str) -> str:
    """An argparse error message in Dutch (an unknown one is returned as it is)."""
    for english, translation in MESSAGES:
        if re.fullmatch(english, message):
            return re.sub(english, translation, message)
    return message


class DutchHelpFormatter(argparse.HelpFormatter):
    """Help with a Dutch 'gebruik:' line."""

    def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, prefix if prefix is not None else "gebruik: ")


class DutchArgumentParser(argparse.ArgumentParser):
    """An ArgumentParser whose usage, help and errors are Dutch; an error exits with code 2."""

    def __init__(self, **kwargs: Any):
        super().__init__(add_help=False, formatter_class=DutchHelpFormatter, **kwargs)
        self._positionals.title = "argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="toon deze hulp en stop")

    def error(self, message: str) -> NoReturn:
        """Usage and the Dutch reason on stderr, exit code 2 (as argparse does)."""
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: fout: {dutch(message)}\n")
