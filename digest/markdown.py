"""Writing untrusted text into Markdown so that it shows literally.

Article text comes from scraped pages: whatever markup, link or template syntax
it holds must reach the reader as text, never as HTML, a link or a heading.
"""

from __future__ import annotations

import html
import re

import frontmatter

# Python-Markdown's own escapable characters (markdown.Markdown.ESCAPED_CHARS);
# escaping others would leave a visible backslash.
_INLINE_SPECIALS = re.compile(r"([\\`*_{}\[\]()#+!])")
# Block syntax that only means something at the start of a line.
_LINE_START = re.compile(r"^(\s*)(-|=|\d+(?=[.)]))", re.MULTILINE)
_WHITESPACE_RUN = re.compile(r"[ \t\r\f\v]+")


def escape(text: str) -> str:
    """Text -> Markdown that renders as exactly that text.

    >>> escape("<script>alert(1)</script> [lien](javascript:x)")
    '&lt;script&gt;alert\\\\(1\\\\)&lt;/script&gt; \\\\[lien\\\\]\\\\(javascript:x\\\\)'
    >>> escape("# pas un titre")
    '\\\\# pas un titre'
    """
    text = html.escape(text, quote=False)
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    text = _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if not m.group(2)[0].isdigit()
                           else m.group(1) + m.group(2) + "\\", text)
    # Four leading spaces would start a code block; a tab too.
    return "\n".join(line.lstrip() for line in text.split("\n"))


def escape_line(text: str) -> str:
    """One-line text (titles, leads in lists): newlines folded to spaces first."""
    return escape(" ".join(text.split()))


def link(label: str, target: str) -> str:
    """A Markdown link whose label is untrusted text and target is our own path."""
    return f"[{escape_line(label)}]({target})"


def document(front_matter: dict, body: str) -> bytes:
    """Front matter + body, as python-frontmatter writes it (safe YAML, accents kept)."""
    post = frontmatter.Post(body.rstrip() + "\n", **front_matter)
    return (frontmatter.dumps(post, sort_keys=False, allow_unicode=True) + "\n").encode("utf-8")
