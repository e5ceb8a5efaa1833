import datetime as dt
from dataclasses import replace

from digest.dedupe import mark_duplicates
from digest.model import Article, Block
from digest.report import Report

STORY = [
    "Le secrétaire d'Etat américain a rencontré lundi à Tel-Aviv le Premier ministre israélien pour discuter "
    "d'un accord de cessez-le-feu à Gaza et de la libération des otages.",
    "Selon le département d'Etat, les deux hommes ont évoqué les moyens de faire entrer davantage d'aide "
    "humanitaire dans l'enclave palestinienne assiégée depuis des mois.",
    "Le chef de la diplomatie américaine doit ensuite se rendre au Caire puis à Doha, où se tiennent les "
    "négociations indirectes entre Israël et le Hamas sous l'égide des médiateurs.",
]


def _article(file, paragraphs, source=None, day=dt.date(2024, 8, 19)):
    return Article(file=file, slug=file, title=file, lead="", month=day.strftime("%Y-%m"), date=day,
                   blocks=tuple(Block("paragraph", p) for p in paragraphs), source=source)


def test_republished_story_with_a_reworded_opening_is_a_duplicate():
    original = _article("a.txt", STORY, source="AFP")
    copy = _article("b.txt", ["Rencontre à Tel-Aviv pour un cessez-le-feu."] + STORY[1:] + ["(Avec AFP)"],
                    source="ATS")
    result = {a.file: a for a in mark_duplicates([copy, original], Report())}
    assert result["b.txt"].duplicate_of == "a.txt"
    assert result["a.txt"].duplicate_of is None
    assert result["a.txt"].duplicates == ("b.txt",) and result["a.txt"].other_sources == ("ATS",)


def test_identical_files_under_two_names():
    result = {a.file: a for a in mark_duplicates([_article("y.txt", STORY), _article("x.txt", STORY)], Report())}
    assert result["y.txt"].duplicate_of == "x.txt"


def test_different_stories_of_one_trip_are_not_duplicates():
    other = ["Le président égyptien a reçu mardi à El-Alamein le chef de la diplomatie américaine.",
             "Les deux hommes ont discuté du corridor de Philadelphie et du point de passage de Rafah.",
             "Washington craint un élargissement du conflit au Liban si aucun accord n'est trouvé rapidement."]
    result = mark_duplicates([_article("a.txt", STORY), _article("b.txt", other)], Report())
    assert all(a.duplicate_of is None for a in result)


def test_the_original_is_the_one_without_a_republication_credit_whatever_the_file_names():
    original = replace(_article("b.txt", STORY, source="AFP"), credits=())
    copy = replace(_article("a.txt", ["Rencontre à Tel-Aviv pour un cessez-le-feu."] + STORY[1:]),
                   credits=("(Avec AFP)",))
    result = {a.file: a for a in mark_duplicates([copy, original], Report())}
    assert result["a.txt"].duplicate_of == "b.txt" and result["b.txt"].duplicate_of is None


def _copies(articles):
    return {a.file: a.duplicate_of for a in mark_duplicates(articles, Report()) if a.duplicate_of}


def test_copies_run_within_three_days_and_the_same_month():
    day = dt.date(2024, 8, 10)
    assert _copies([_article("a.txt", STORY, day=day), _article("b.txt", STORY, day=day + dt.timedelta(3))]) == \
        {"b.txt": "a.txt"}
    assert _copies([_article("a.txt", STORY, day=day), _article("b.txt", STORY, day=day + dt.timedelta(4))]) == {}
    assert _copies([_article("a.txt", STORY, day=dt.date(2024, 7, 31)),
                    _article("b.txt", STORY, day=dt.date(2024, 8, 1))]) == {}


def test_copies_chain_across_days_and_an_undated_copy_meets_its_whole_month():
    """Each dated article is compared with those of the next days only; the chain still joins them."""
    days = [dt.date(2024, 8, d) for d in (2, 5, 8, 11)]
    chain = [_article(f"{n}.txt", STORY, day=d) for n, d in zip("dcba", days)]
    undated = replace(_article("e.txt", STORY, day=dt.date(2024, 8, 30)), date=None)
    assert _copies(chain + [undated]) == {"c.txt": "d.txt", "b.txt": "d.txt", "a.txt": "d.txt", "e.txt": "d.txt"}


def test_a_rebuild_after_an_edit_compares_the_edited_text_again():
    """Comparisons are remembered across builds of one process (mkdocs serve): an edit that
    makes an article a copy, then one that makes it a new story again, are both seen."""
    other = ["Le président égyptien a reçu mardi à El-Alamein le chef de la diplomatie américaine.",
             "Les deux hommes ont discuté du corridor de Philadelphie et du point de passage de Rafah."]
    original, edited = _article("a.txt", STORY), _article("b.txt", other)
    assert all(a.duplicate_of is None for a in mark_duplicates([original, edited], Report()))
    edited = replace(edited, blocks=original.blocks[:2] + edited.blocks[:1])
    result = {a.file: a for a in mark_duplicates([original, edited], Report())}
    assert result["b.txt"].duplicate_of == "a.txt"
    edited = replace(edited, blocks=tuple(Block("paragraph", p) for p in other))
    assert all(a.duplicate_of is None for a in mark_duplicates([original, edited], Report()))


def test_the_groups_are_those_of_the_shingle_sets_overlap():
    """The comparison by bits (dedupe._shingle_bits) decides as the overlap of shingle sets does,
    on texts that share more or fewer of their sentences, over two months."""
    import random

    from digest.dedupe import THRESHOLD, _groups, _pairs_to_compare, shingles, similarity
    rng = random.Random(7)
    sentences = [" ".join(rng.choice(["trêve", "Gaza", "otages", "aide", "Blinken", "Caire", "Doha", "accord",
                                      "lundi", "ministre", "rencontre", "israélien"]) for _ in range(12))
                 for _ in range(40)]
    articles = [_article(f"{n:02d}.txt", rng.sample(sentences, rng.randint(2, 6)),
                         day=dt.date(2024, 8 + n % 2, 1 + rng.randint(0, 6))) for n in range(40)]
    parent = list(range(len(articles)))

    def root(i):
        while parent[i] != i:
            i = parent[i]
        return i

    for i, j in _pairs_to_compare(articles):
        if similarity(shingles(articles[i]), shingles(articles[j])) >= THRESHOLD:
            parent[root(j)] = root(i)
    expected = {}
    for i, article in enumerate(articles):
        expected.setdefault(root(i), []).append(article.file)
    expected_groups = sorted(sorted(g) for g in expected.values() if len(g) > 1)
    assert sorted(sorted(a.file for a in g) for g in _groups(articles, THRESHOLD)) == expected_groups
    assert 2 <= len(expected_groups) <= 15  # some copies, not one big group
