"""What a build found wrong, collected instead of printed.

Steps never print or exit: they add an Issue to the Report, and the edges (CLI,
MkDocs plugin) decide how to show it and whether it fails the build.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPORT_NAME = "report.json"

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class Issue:
    level: str  # "error" | "warning" | "info"
    code: str  # stable kebab-case code, e.g. "undecodable", "no-date"
    message: str  # what was wrong
    file: str | None = None
    line: int | None = None
    action: str | None = None  # what was done about it

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file + (f":{self.line}" if self.line else "") + ": "
        text = f"{where}{self.message}"
        if self.action:
            text += f" ({self.action})"
        return f"{text} [{self.code}]"


@dataclass
class Report:
    issues: list[Issue] = field(default_factory=list)

    def add(self, level: str, code: str, message: str, *, file: str | None = None,
            line: int | None = None, action: str | None = None) -> Issue:
        issue = Issue(level, code, message, file, line, action)
        self.issues.append(issue)
        return issue

    def error(self, code: str, message: str, **where) -> Issue:
        return self.add(ERROR, code, message, **where)

    def warning(self, code: str, message: str, **where) -> Issue:
        return self.add(WARNING, code, message, **where)

    def info(self, code: str, message: str, **where) -> Issue:
        return self.add(INFO, code, message, **where)

    def extend(self, other: "Report") -> None:
        self.issues.extend(other.issues)

    def at(self, level: str) -> list[Issue]:
        return [issue for issue in self.issues if issue.level == level]

    @property
    def errors(self) -> list[Issue]:
        return self.at(ERROR)

    @property
    def warnings(self) -> list[Issue]:
        return self.at(WARNING)

    @property
    def codes(self) -> list[str]:
        return [issue.code for issue in self.issues]

    def folded(self, level: str, keep: int = 5) -> list[str]:
        """Lines to show for one level: each code's first few issues, then a count of the rest.

        A corpus with a hundred articles lacking a day should not bury the one
        malformed header under a hundred lines.
        """
        lines: list[str] = []
        shown: Counter[str] = Counter()
        hidden: Counter[str] = Counter()
        for issue in self.at(level):
            if shown[issue.code] < keep:
                shown[issue.code] += 1
                lines.append(str(issue))
            else:
                hidden[issue.code] += 1
        for code, count in sorted(hidden.items()):
            lines.append(f"… and {count} more [{code}]")
        return lines


def write_report(path: Path, report: Report) -> None:
    """The whole report as JSON beside the cache, for tools and for growing the gazetteer."""
    data = {"issues": [dict(vars(issue)) for issue in report.issues]}  # asdict() took a second at 10,000 articles
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
