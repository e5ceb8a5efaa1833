import markdown
import pytest

from digest.markdown import escape, escape_line, document

HOSTILE = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "[lien](javascript:alert(1))",
    "<iframe src='https://example.org'></iframe>",
    "# pas un titre",
    "* pas une liste",
    "- pas une liste",
    "1. pas une liste",
    "> pas une citation",
    "| a | b |",
    "{{ config.site_name }} et {% include 'x' %}",
    "`code` **gras** _souligné_ ![img](x.png)",
    "---",
    "    quatre espaces",
    "AT&amp;T &lt;b&gt;",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_escaped_text_renders_as_the_same_text(text):
    html = markdown.markdown(escape(text), extensions=["attr_list", "md_in_html", "toc"])
    assert "<script" not in html and "<img" not in html and "<iframe" not in html
    assert "href" not in html and "<h1" not in html and "<li" not in html and "<blockquote" not in html
    assert "<code" not in html and "<strong" not in html and "<em" not in html and "<hr" not in html
    # The visible text is the input, whitespace aside.
    import html as html_lib
    import re
    visible = html_lib.unescape(re.sub(r"<[^>]+>", "", html)).strip()
    assert visible == text.strip()


def test_escape_line_folds_newlines():
    assert escape_line("a\nb  c") == "a b c"


def test_document_writes_front_matter_with_accents():
    data = document({"title": "Israël", "date": "2023-11-06"}, "# Titre").decode()
    assert data == "---\ntitle: Israël\ndate: '2023-11-06'\n---\n\n# Titre\n"
