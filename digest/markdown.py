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
_INLINE_SPECIALS = re.compile(r"([\\`*_\[\]()#+!])")
# Braces become character references, not "\{": "\{%" would still hold "{%", the start
# of a Jinja tag for a macro plugin; "&#123;%" holds neither "{{" nor "{%".
_BRACES = {"{": "&#123;", "}": "&#125;"}
# Block syntax that only means something at the start of a line: a list bullet, a
# setext underline, an ordered list number.
_LINE_START = re.compile(r"^([ \t]*)(-|=|\d+(?=[.)]))", re.MULTILINE)
# Control characters: invisible, invalid in HTML, and Python-Markdown uses two of them
# (STX, ETX) as placeholders for its own markup. Those Python counts as white space
# become a space; the others go.
_SPACE_CONTROLS = re.compile(r"[\x0b\x0c\x1c-\x1f\x85]")
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
# Front matter keys that MkDocs and Material put into the page's HTML unescaped
# (<title>, the header, the navigation, <meta name="description">): as for a title
# MkDocs takes from a heading, their values are HTML text.
HTML_KEYS = ("title", "description")


def _escape_line_start(match: re.Match) -> str:
    indent, mark = match.groups()
    if mark == "=":  # not in ESCAPED_CHARS: "\=" would show its backslash
        return indent + "&#61;"
    if mark[0].isdigit():
        return indent + mark + "\\"  # "1\." is text, "1." a list item
    return indent + "\\" + mark


def escape(text: str) -> str:
    """Text -> Markdown that renders as exactly that text.

    >>> escape("<script>alert(1)</script> [lien](javascript:x)")
    '&lt;script&gt;alert\\\\(1\\\\)&lt;/script&gt; \\\\[lien\\\\]\\\\(javascript:x\\\\)'
    >>> escape("# pas un titre")
    '\\\\# pas un titre'
    """
    # Python-Markdown reads a lone CR as a line break: line-start syntax would hide behind it.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROLS.sub("", _SPACE_CONTROLS.sub(" ", text))
    text = html.escape(text, quote=False)
    text = _INLINE_SPECIALS.sub(r"\\\1", text)
    text = re.sub(r"[{}]", lambda m: _BRACES[m.group()], text)
    text = _LINE_START.sub(_escape_line_start, text)
    # Four leading spaces would start a code block; a tab too.
    return "\n".join(line.lstrip(" \t") for line in text.split("\n"))


def escape_line(text: str) -> str:
    """One-line text (titles, leads in lists): newlines folded to spaces first."""
    return escape(" ".join(text.split()))


def escape_html(text: str) -> str:
    """Text -> HTML text, for a place that is HTML but not Markdown (an attribute, the <title>).

    >>> escape_html('Le "cessez-le-feu" <enfin> & après')
    'Le &quot;cessez-le-feu&quot; &lt;enfin&gt; &amp; après'
    """
    return html.escape(text, quote=False).replace('"', "&quot;")


def code(text: str) -> str:
    """One-line text in a code font, shown literally (a file name).

    A Markdown code span cannot hold every text: a backtick ends it, and "{{" inside it
    still reaches a macro plugin. Inline HTML tags keep Markdown working between them,
    so <code> around escaped text shows any name as it is.

    >>> code("a`b` {{ x }}.txt")
    '<code>a\\\\`b\\\\` &#123;&#123; x &#125;&#125;.txt</code>'
    """
    return f"<code>{escape_line(text)}</code>"


def link(label: str, target: str) -> str:
    """A Markdown link whose label is untrusted text and target is our own path."""
    return f"[{escape_line(label)}]({target})"


def document(front_matter: dict, body: str) -> bytes:
    """Front matter + body, as python-frontmatter writes it (safe YAML, accents kept).

    The values of HTML_KEYS are HTML-escaped: MkDocs renders templates without
    autoescaping, so a lead holding '"><script>' would otherwise land in the page's head.
    """
    front_matter = {key: escape_html(value) if key in HTML_KEYS and isinstance(value, str) else value
                    for key, value in front_matter.items()}
    post = frontmatter.Post(body.rstrip() + "\n", **front_matter)
    return (frontmatter.dumps(post, sort_keys=False, allow_unicode=True) + "\n").encode("utf-8")
