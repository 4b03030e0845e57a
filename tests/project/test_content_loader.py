"""The loader of content shipped as data files (klantcontact/content.py)."""

import pytest

from klantcontact import content


def test_markdown_with_front_matter(tmp_path):
    (tmp_path / "b.md").write_text("---\ntitle: Huur\ntags: [a, b]\n---\n\nTekst *hier*.\n")
    (tmp_path / "a.md").write_text("---\ntitle: Eerst\n---\nEen.\n")
    (tmp_path / "skip.txt").write_text("not markdown")
    docs = content.load_markdown_dir(tmp_path)
    assert [d.path.name for d in docs] == ["a.md", "b.md"]
    assert docs[1].meta == {"title": "Huur", "tags": ["a", "b"]}
    assert docs[1].body == "Tekst *hier*.\n"


@pytest.mark.parametrize(
    "text, message",
    [
        ("title: x\n", "no front matter"),
        ("---\ntitle: x\nTekst\n", "not closed"),
        ("---\n- a\n- b\n---\nTekst\n", "must be a mapping"),
        ("---\ntitle: [unclosed\n---\nTekst\n", "front matter"),
    ],
)
def test_a_malformed_markdown_file_names_the_file(tmp_path, text, message):
    path = tmp_path / "kapot.md"
    path.write_text(text)
    with pytest.raises(content.ContentError, match=message) as info:
        content.load_markdown(path)
    assert "kapot.md" in str(info.value)


def test_yaml(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("teams:\n  - code: N\n    naam: Noord\n")
    assert content.load_yaml(path) == {"teams": [{"code": "N", "naam": "Noord"}]}
    path.write_text("teams: [unclosed\n")
    with pytest.raises(content.ContentError, match="x.yaml"):
        content.load_yaml(path)
