import doctest

from digest import slugs
from digest.slugs import assign_slugs, distinct_slug, slug_for


def test_clean_names_keep_their_stem():
    assert slug_for("002_94c95042bb230cbf.txt") == "002-94c95042bb230cbf"


def test_awkward_names_get_safe_distinct_slugs():
    names = ["a b.txt", "a-b.txt", "A B.txt", "Été (2024) $x;.txt", "a-b", "a-b.md"]
    slugs = assign_slugs(names)
    assert len(set(slugs.values())) == len(names)
    for slug in slugs.values():
        assert slug and all(c.isalnum() and c.isascii() or c == "-" for c in slug)


def test_slug_does_not_depend_on_other_files():
    alone = assign_slugs(["a b.txt"])["a b.txt"]
    crowded = assign_slugs(["a b.txt", "a-b.txt", "a_b.txt", "zzz.txt"])["a b.txt"]
    assert alone == crowded


def test_a_moved_slug_comes_from_the_name_alone_and_skips_what_is_taken():
    first = distinct_slug("a_b.txt", lambda slug: slug == "a-b")
    assert first == distinct_slug("a_b.txt", lambda slug: slug in ("a-b", "zzz", "a-b-1"))
    assert first.startswith("a-b-") and first != distinct_slug("a__b.txt", lambda slug: slug == "a-b")
    longer = distinct_slug("a_b.txt", lambda slug: slug in ("a-b", first))
    assert longer.startswith(first) and len(longer) > len(first)


def test_doctests():
    assert doctest.testmod(slugs).failed == 0
