"""loader.py: finding article files, decoding them, and keeping the article apart from the site."""

from __future__ import annotations

import datetime as dt
import io
import os
import sys
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontclaims.errors import ArticleError
from frontclaims.loader import (
    Source,
    article_id,
    decode,
    is_boilerplate,
    iter_sources,
    load_article,
    parse_article,
)

ARTICLES = Path(__file__).parent / "data" / "articles"

UKRAINIAN = "Сили оборони відбили атаку біля Куп’янська. Ворог відступив."
RUSSIAN = "Подразделения заняли позиции у Купянска. Бои продолжаются."


def paragraphs(article):
    return [article.text[p.start:p.end] for p in article.paragraphs]


def collect(paths):
    errors: list[tuple[str, str]] = []
    sources = list(iter_sources([str(p) for p in paths], on_error=lambda name, reason: errors.append((name, reason))))
    return sources, errors


# -- decode ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Plain ASCII news.", UKRAINIAN, RUSSIAN, "Mixed: Kupiansk / Куп’янськ — 12 km"])
def test_decode_utf8_with_and_without_bom(text):
    assert decode(text.encode("utf-8")) == text
    assert decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == text


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_decode_utf16_with_bom(encoding):
    data = UKRAINIAN.encode(encoding)
    if encoding != "utf-16":  # the explicit-endian codecs write no BOM: add the right one
        data = ("\ufeff".encode(encoding)) + data
    assert decode(data) == UKRAINIAN


@pytest.mark.parametrize("text", [UKRAINIAN, RUSSIAN])
def test_decode_cp1251_cyrillic(text):
    data = text.encode("cp1251")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the fixture really is not UTF-8
    assert decode(data) == text


@pytest.mark.parametrize("data, what", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    (b"SQLite format 3\x00\x10\x00", "SQLite"),
])
def test_decode_refuses_known_binary_formats(data, what):
    with pytest.raises(ValueError, match=what):
        decode(data)


def test_decode_refuses_nul_bytes():
    with pytest.raises(ValueError, match="NUL"):
        decode(b"Troops advanced\x00 near the river.")


def test_decode_refuses_control_characters():
    with pytest.raises(ValueError, match="binary"):
        decode(bytes(range(1, 9)) * 5 + b"text")


def test_decode_odd_utf16_is_value_error():
    with pytest.raises(ValueError, match="utf-16"):
        decode(b"\xff\xfeA\x00B")


@given(st.binary(max_size=300))
def test_decode_raises_only_value_error(data):
    try:
        text = decode(data)
    except ValueError:
        return
    assert isinstance(text, str)


@given(st.text(max_size=200).filter(lambda t: not t.startswith("\ufeff")))
def test_decode_utf8_round_trip(text):
    try:
        decoded = decode(text.encode("utf-8"))
    except ValueError:
        return  # NUL bytes and control characters are refused, not misread
    assert decoded == text


# -- parse_article ---------------------------------------------------------------------------------


@pytest.fixture
def report():
    path = ARTICLES / "dated_report.txt"
    return load_article(Source(str(path), path))


def test_date_line_gives_published_and_is_not_a_paragraph(report):
    assert report.published == dt.date(2026, 1, 27)
    assert not any("2026-01-27" in p for p in paragraphs(report))


def test_headline_is_first_kept_line(report):
    assert report.title == "Defenders hold the line near Examplevka as shelling eases"
    assert paragraphs(report)[0] == report.title


def test_boilerplate_and_appeal_are_dropped(report):
    assert paragraphs(report) == [
        "Defenders hold the line near Examplevka as shelling eases",
        "The regional governor said on Tuesday that shelling of Examplevka had eased overnight.",
        "Officials reported that 12 homes were damaged in the village of Testivka.",
        "Analysts expect fighting to continue along the river in the coming weeks.",
        "Residents were told to stay in shelters until further notice.",
    ]


def test_offsets_point_into_the_whole_text(report):
    assert report.text.startswith(" date 2026-01-27 403")  # the text is kept whole
    for paragraph in report.paragraphs:
        piece = report.text[paragraph.start:paragraph.end]
        assert piece == piece.strip() and piece
        assert piece in report.text.split("\n")
    starts = [p.start for p in report.paragraphs]
    assert starts == sorted(starts)


def test_related_list_is_dropped():
    path = ARTICLES / "related_list.txt"
    article = load_article(Source(str(path), path))
    assert article.published is None
    assert paragraphs(article) == [
        "Engineers repair the bridge at Samplehrad",
        "Work on the damaged bridge at Samplehrad resumed on Monday, the city council said.",
        "Traffic is expected to return within a month.",
    ]


@pytest.mark.parametrize("line", [
    "Read more", "READ MORE", "Subscribe to @ExampleNews", "Photo: Jane Roe", "© Example Agency 2026",
    "Advertisement", "Share", "Follow us on Telegram", "Source: press service",
    "Soldiers near the front line. (Photo: Example Agency)", "Support the Example Independent!",
    "2026-01-27T10:15:00+02:00",
])
def test_is_boilerplate(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Russian forces shelled the village overnight, the governor said.",
    "Read more about the offensive in our analysis of the southern front.",
    "The source said the brigade had withdrawn.",
])
def test_article_lines_are_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_headline_skips_a_leading_credit():
    text = "Photo: Example Agency\nShelling resumes near Testivka\nThe shelling began at dawn.\n"
    article = parse_article(text, "x.txt")
    assert article.title == "Shelling resumes near Testivka"


def test_duplicate_lines_are_kept_once():
    text = "Headline here\nThe same line.\nA different line.\nThe same line.\n"
    assert paragraphs(parse_article(text, "x.txt")) == ["Headline here", "The same line.", "A different line."]


def test_appeal_in_the_first_half_does_not_cut_the_article():
    text = ("Aid groups appeal for generators\n"
            "\"We need your help to keep the lights on,\" the mayor said.\n"
            "Generators arrived on Friday.\n"
            "More are expected next week.\n"
            "The mayor thanked the donors.\n")
    assert len(parse_article(text, "x.txt").paragraphs) == 5


def test_appeal_at_the_end_cuts_everything_after_it():
    text = ("Headline\nFirst paragraph of news.\nSecond paragraph of news.\nThird paragraph of news.\n"
            "Please support us with a monthly gift.\nCard payments accepted.\nOne more line.\n")
    assert paragraphs(parse_article(text, "x.txt")) == [
        "Headline", "First paragraph of news.", "Second paragraph of news.", "Third paragraph of news."]


def test_date_line_without_date_text_variants():
    article = parse_article("date 2025-12-31\nHeadline\nBody text.\n", "x.txt")
    assert article.published == dt.date(2025, 12, 31)
    assert article.title == "Headline"


def test_impossible_date_gives_no_published_date():
    article = parse_article(" date 2026-02-30 1\nHeadline\nBody text.\n", "x.txt")
    assert article.published is None
    assert paragraphs(article) == ["Headline", "Body text."]


def test_timestamp_and_updated_lines_give_the_date():
    article = parse_article("Headline\n2026-01-05T08:30:00Z\nBody text.\n", "x.txt")
    assert article.published == dt.date(2026, 1, 5)
    assert paragraphs(article) == ["Headline", "Body text."]
    article = parse_article("Headline\nNews desk | Updated: 27.01.2026\nBody text.\n", "x.txt")
    assert article.published == dt.date(2026, 1, 27)


def test_newlines_are_normalised_and_offsets_still_hold():
    article = parse_article("Headline\r\nFirst line.\rSecond line.\u2028Third line.", "x.txt")
    assert "\r" not in article.text
    assert paragraphs(article) == ["Headline", "First line.", "Second line.", "Third line."]


def test_article_id_is_stable_and_content_based():
    a = parse_article("Headline\nBody text.\n", "a.txt")
    b = parse_article("Headline\nBody text.\n", "somewhere/else.txt")
    c = parse_article("Headline\nOther body text.\n", "a.txt")
    assert a.id == b.id == article_id("Headline\nBody text.\n")
    assert a.id != c.id
    assert len(a.id) == 16 and all(ch in "0123456789abcdef" for ch in a.id)
    # Line endings, a BOM and surrounding blank lines do not change the id.
    assert parse_article("\ufeffHeadline\r\nBody text.\r\n\r\n", "a.txt").id == a.id


@pytest.mark.parametrize("text", ["", "   \n\n\t  \n"])
def test_empty_text_is_an_article_error(text):
    with pytest.raises(ArticleError, match="empty") as info:
        parse_article(text, "empty.txt")
    assert info.value.source == "empty.txt"


def test_only_boilerplate_is_an_article_error():
    with pytest.raises(ArticleError, match="no article text"):
        parse_article("Read more\nSubscribe to @ExampleNews\nPhoto: Jane Roe\n", "x.txt")


# -- load_article ----------------------------------------------------------------------------------


def test_load_article_cp1251_file(tmp_path):
    path = tmp_path / "ru.txt"
    path.write_bytes(("Бои у Купянска\n" + RUSSIAN + "\n").encode("cp1251"))
    article = load_article(Source(str(path), path))
    assert article.title == "Бои у Купянска"
    assert paragraphs(article)[1] == RUSSIAN
    assert article.source == str(path)


def test_load_article_utf16_file_same_id_as_utf8(tmp_path):
    text = "Headline\n" + UKRAINIAN + "\n"
    (tmp_path / "a.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "b.txt").write_bytes(text.encode("utf-8"))
    a = load_article(Source("a.txt", tmp_path / "a.txt"))
    b = load_article(Source("b.txt", tmp_path / "b.txt"))
    assert a.id == b.id
    assert paragraphs(a) == paragraphs(b) == ["Headline", UKRAINIAN]


@pytest.mark.parametrize("content", [b"", b"  \n\r\n \t"])
def test_load_empty_file(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    with pytest.raises(ArticleError, match="empty"):
        load_article(Source(str(path), path))


def test_load_pdf_is_an_article_error_naming_the_file(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"%PDF-1.4\nbinary")
    with pytest.raises(ArticleError, match="PDF") as info:
        load_article(Source(str(path), path))
    assert info.value.source == str(path)


def test_load_directory_is_an_article_error(tmp_path):
    with pytest.raises(ArticleError, match="directory"):
        load_article(Source(str(tmp_path), tmp_path))


def test_load_missing_file_is_an_article_error(tmp_path):
    with pytest.raises(ArticleError, match="cannot be read"):
        load_article(Source("gone.txt", tmp_path / "gone.txt"))


def test_load_from_stdin(monkeypatch):
    data = "Headline from a pipe\nBody text.\n".encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (source,) = iter_sources(["-"])
    assert source.path is None
    article = load_article(source)
    assert article.source == "<stdin>"
    assert article.title == "Headline from a pipe"


# -- iter_sources ----------------------------------------------------------------------------------


def test_iter_sources_walks_folders_recursively_in_sorted_order(tmp_path):
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    (tmp_path / "a").mkdir()
    for name in ("z.txt", "m.txt", "a/y.txt", "b/x.txt", "b/deeper/w.TXT", "notes.md", "b/image.png"):
        (tmp_path / name).write_text("x")
    sources, errors = collect([tmp_path])
    assert errors == []
    assert [Path(s.name).relative_to(tmp_path).as_posix() for s in sources] == [
        "a/y.txt", "b/deeper/w.TXT", "b/x.txt", "m.txt", "z.txt"]
    assert all(s.path == Path(s.name) for s in sources)


def test_a_named_file_is_read_whatever_its_suffix(tmp_path):
    path = tmp_path / "article.md"
    path.write_text("x")
    sources, errors = collect([path])
    assert [s.path for s in sources] == [path]
    assert errors == []


def test_missing_path_goes_to_on_error_and_the_rest_is_still_read(tmp_path):
    (tmp_path / "real.txt").write_text("x")
    sources, errors = collect([tmp_path / "missing.txt", tmp_path / "real.txt"])
    assert [s.path for s in sources] == [tmp_path / "real.txt"]
    assert errors == [(str(tmp_path / "missing.txt"), "no such file or folder")]


def test_missing_path_without_on_error_is_skipped(tmp_path):
    assert list(iter_sources([str(tmp_path / "missing.txt")])) == []


def test_stdin_dash(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    sources, _ = collect(["-", tmp_path / "a.txt"])
    assert sources[0] == Source("<stdin>")
    assert sources[1].path == tmp_path / "a.txt"


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_symlink_loop_is_reported_and_does_not_hang(tmp_path):
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "article.txt").write_text("x")
    (root / "sub" / "up").symlink_to(root, target_is_directory=True)  # sub/up -> root: a loop
    (root / "self.txt").symlink_to(root / "self.txt")  # a link to itself
    (root / "broken.txt").symlink_to(root / "nowhere.txt")
    sources, errors = collect([root])
    assert [s.path for s in sources] == [root / "sub" / "article.txt"]
    reported = dict(errors)
    assert "loop" in reported[str(root / "sub" / "up")]
    assert "loop" in reported[str(root / "self.txt")]
    assert "broken" in reported[str(root / "broken.txt")]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symbolic links")
def test_two_links_to_one_folder_are_read_once(tmp_path):
    shared = tmp_path / "shared"
    shared.mkdir()
    (shared / "a.txt").write_text("x")
    root = tmp_path / "root"
    root.mkdir()
    (root / "one").symlink_to(shared, target_is_directory=True)
    (root / "two").symlink_to(shared, target_is_directory=True)
    sources, errors = collect([root])
    assert len(sources) == 1
    assert len(errors) == 1


def test_iter_sources_is_lazy(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    errors = []
    generator = iter_sources([str(tmp_path / "missing"), str(tmp_path)], on_error=lambda *e: errors.append(e))
    assert errors == []  # nothing happens before iteration
    assert next(generator).path == tmp_path / "a.txt"
    assert len(errors) == 1


@pytest.mark.parametrize("caption", [
    "Soldiers load a howitzer near Pokrovsk on 10 March / EPA Photo",
    "Residents walk past a damaged building in Kupiansk / Reuters Photo",
    "A drone operator prepares for a flight near Siversk / AFP Photo",
    "Rescuers work at the site of a strike in Zaporizhzhia / EPA-EFE",
])
def test_a_photo_caption_ending_in_an_agency_credit_is_not_article_text(caption):
    """First day 16: a caption read as text gave false claims about the place it shows."""
    assert is_boilerplate(caption)
    article = parse_article(f"Headline\n{caption}\nRussian forces shelled Kupiansk overnight.\n", "x.txt")
    assert caption not in [article.text[p.start:p.end] for p in article.paragraphs]


@pytest.mark.parametrize("line", [
    "Russian forces shelled Kupiansk overnight, officials said.",
    "The front / the rear: a report from Pokrovsk on what AP reported",
])
def test_a_slash_in_article_text_is_not_a_credit(line):
    assert not is_boilerplate(line)


def test_an_appeal_inside_a_long_line_cuts_the_line_at_its_sentence():
    """A file of one line: the appeal ends the article where its sentence starts, and the news before it stays."""
    news = " ".join(f"Shelling was reported near Ternove on day {n}." for n in range(40))
    text = f"Headline\n{news} Readers, we need your support today. Donate now.\n"
    assert paragraphs(parse_article(text, "x.txt")) == ["Headline", news]


def test_an_appeal_in_the_first_half_of_a_long_line_is_a_quotation():
    body = '"We need your help," the mayor said. ' + "Generators arrived on Friday. " * 20
    assert paragraphs(parse_article(f"Headline\n{body.strip()}\n", "x.txt")) == ["Headline", body.strip()]
