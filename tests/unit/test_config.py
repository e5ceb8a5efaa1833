from digest.config import DigestConfig, load_config
from digest.report import Report


def test_defaults_without_a_file(tmp_path):
    report = Report()
    config = load_config(tmp_path, report)
    assert report.issues == []
    assert config.seeds_dir == (tmp_path / "seeds").resolve()
    assert config.subject.name == DigestConfig().subject.name


def test_settings_are_read(tmp_path):
    (tmp_path / "digest.yml").write_text(
        "seeds_dir: articles\nsite_title: Mon digest\nsubject:\n  name: Jean Dupont\n  country: fr\n",
        encoding="utf-8")
    report = Report()
    config = load_config(tmp_path, report)
    assert report.issues == []
    assert config.seeds_dir == (tmp_path / "articles").resolve()
    assert config.site_title == "Mon digest"
    assert config.subject.name == "Jean Dupont" and config.subject.country == "FR"
    assert "Dupont" in config.subject.aliases


def test_unknown_key_names_file_and_line(tmp_path):
    (tmp_path / "digest.yml").write_text("site_title: x\nseed_dir: oops\n", encoding="utf-8")
    report = Report()
    load_config(tmp_path, report)
    [issue] = report.errors
    assert issue.code == "config-unknown-key" and issue.line == 2 and issue.file.endswith("digest.yml")
    assert "seed_dir" in issue.message


def test_yaml_syntax_error_names_the_line(tmp_path):
    (tmp_path / "digest.yml").write_text("site_title: x\nsubject: [unclosed\n", encoding="utf-8")
    report = Report()
    load_config(tmp_path, report)
    [issue] = report.errors
    assert issue.code == "config-syntax" and issue.line is not None and issue.line >= 2
