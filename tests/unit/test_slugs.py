from digest.slugs import assign_slugs, slug_for


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
