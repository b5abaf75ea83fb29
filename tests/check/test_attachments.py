"""PDFs editors attach: the check refuses what a reader's viewer could act on (statement_site/pdf.py),
and a link to one says its type and size (statement_site/markdown/attachments.py).

Self-contained: the PDFs are made here, with pypdf or written byte by byte."""

import io
import time
import xml.etree.ElementTree as etree

import markdown
import pytest
from bad_inputs import by_hand
from pypdf import PdfWriter
from pypdf.actions import JavaScript
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject, TextStringObject

from statement_site import allowlist, pdf
from statement_site.markdown.attachments import AttachmentsExtension, size_text
from statement_site.pdf import pdf_problems

# -- PDFs to judge --------------------------------------------------------------------------------


def written(writer):
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def one_page():
    writer = PdfWriter()
    writer.add_blank_page(612, 792)
    return writer


def annotation(subtype, **entries):
    """An annotation on a 100 x 20 rectangle of the page, with `entries` (/A, /FS…)."""
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject(subtype),
            NameObject("/Rect"): ArrayObject([NumberObject(n) for n in (0, 0, 100, 20)]),
            **{NameObject(f"/{key}"): value for key, value in entries.items()},
        }
    )


def dictionary(**entries):
    """A PDF dictionary: names for values that start with /, text for the others."""
    return DictionaryObject(
        {
            NameObject(f"/{key}"): NameObject(value) if value.startswith("/") else TextStringObject(value)
            for key, value in entries.items()
        }
    )


CATALOG = b"<< /Type /Catalog /Pages 2 0 R >>"
PAGES = b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>"
PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>"
PAGE_TREE = {1: CATALOG, 2: PAGES, 3: PAGE}


def with_catalog(entries, *more):
    """A one-page PDF by hand whose catalog also holds `entries`, with objects 4, 5… `more`."""
    catalog = CATALOG[:-2] + entries + b" >>"
    return by_hand({1: catalog, 2: PAGES, 3: PAGE, **{number: body for number, body in enumerate(more, 4)}})


def messages(data):
    problems = pdf_problems(data)
    assert all(line == 1 and isinstance(message, str) for line, message in problems)
    return [message for _, message in problems]


def refused_for(data, words):
    found = messages(data)
    assert any(words in message for message in found), found
    return found


# -- Ordinary PDFs pass ---------------------------------------------------------------------------


def test_a_clean_one_page_pdf_passes():
    assert messages(written(one_page())) == []


def test_a_clean_pdf_with_an_object_stream_passes():
    assert messages(by_hand({1: CATALOG}, packed={2: PAGES, 3: PAGE})) == []


def test_a_link_whose_address_holds_a_keyword_is_text_not_a_name():
    link = b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 20] /A << /S /URI /URI (https://example.org/JS) >> >>"
    data = by_hand({1: CATALOG, 2: PAGES, 3: PAGE[:-2] + b"/Annots [4 0 R] >>", 4: link})
    assert pdf.holds_suspect_name(data)  # so every object is read, and none holds the name
    assert messages(data) == []


# -- What a viewer could act on is refused ------------------------------------------------------------


def test_document_level_javascript_is_refused():
    writer = one_page()
    writer.add_open_action(JavaScript("app.alert('hello');"))  # the name tree /Names /JavaScript
    refused_for(written(writer), "JavaScript")


def test_javascript_run_on_opening_is_refused():
    writer = one_page()
    writer.root_object[NameObject("/OpenAction")] = dictionary(S="/JavaScript", JS="app.alert(1)")
    refused_for(written(writer), "JavaScript")


def test_a_launch_action_is_refused():
    writer = one_page()
    writer.add_annotation(0, annotation("/Link", A=dictionary(S="/Launch", F="calc.exe")))
    refused_for(written(writer), "starts a program")


def test_an_embedded_file_is_refused():
    writer = one_page()
    writer.add_attachment("notes.txt", b"carried inside the PDF")
    refused_for(written(writer), "attachments")


def test_a_file_attachment_annotation_is_refused():
    writer = one_page()
    writer.add_annotation(0, annotation("/FileAttachment", FS=dictionary(Type="/Filespec", F="notes.txt")))
    refused_for(written(writer), "attachments")


def test_a_hex_escaped_name_is_read_as_the_name_it_spells():
    data = with_catalog(b"/OpenAction 4 0 R", b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>")
    assert b"/JavaScript" not in data and b"/JS" not in data
    refused_for(data, "JavaScript")


def test_an_encrypted_pdf_is_refused():
    writer = one_page()
    writer.encrypt(user_password="", owner_password="owner", algorithm="RC4-128")
    assert messages(written(writer)) == [pdf.ENCRYPTED]


def test_an_aes_encrypted_pdf_is_refused_though_pypdf_cannot_open_it():
    """AES needs the `cryptography` package, which is not installed: pypdf cannot even open it."""
    encrypt = (
        b"<< /Filter /Standard /V 5 /R 6 /Length 256 /StmF /StdCF /StrF /StdCF /P -4"
        b" /CF << /StdCF << /CFM /AESV3 /AuthEvent /DocOpen /Length 32 >> >>"
        b" /O <%s> /U <%s> /OE <%s> /UE <%s> /Perms <%s> >>"  # codespell:ignore
        % (b"00" * 48, b"00" * 48, b"00" * 32, b"00" * 32, b"00" * 16)
    )
    identifier = b"<00112233445566778899aabbccddeeff>"
    data = by_hand({**PAGE_TREE, 4: encrypt}).replace(
        b"/Root 1 0 R >>", b"/Root 1 0 R /Encrypt 4 0 R /ID [%s %s] >>" % (identifier, identifier)
    )
    assert messages(data) == [pdf.ENCRYPTED]


def test_a_text_file_renamed_pdf_is_refused():
    assert messages(b"Minutes of the meeting\n\nNothing to report.\n") == [pdf.NOT_A_PDF]


def test_truncated_bytes_are_refused():
    data = written(one_page())
    for cut in (len(data) // 2, len(data) - 8, 12):
        assert messages(data[:cut]) == [pdf.DAMAGED]


@pytest.mark.parametrize(
    ("entries", "objects", "words"),
    [
        (b"/AcroForm << /Fields [] /XFA 4 0 R >>", [b"<< /Length 0 >>\nstream\n\nendstream"], "XFA"),
        (b"/OpenAction << /S /SubmitForm /F (https://example.org/collect) >>", [], "sends or loads data"),
        (b"/OpenAction << /S /ImportData /F (data.fdf) >>", [], "sends or loads data"),
        (b"/OpenAction << /S /GoToR /F (other.pdf) /D [0 /Fit] >>", [], "open other files"),
        (b"/OpenAction << /S /GoToE /T << /R /C /N (a) >> >>", [], "open other files"),
        (b"/OpenAction << /S /Launch /F (calc.exe) >>", [], "starts a program"),
        (
            b"/Names << /EmbeddedFiles << /Names [(a.txt) 4 0 R] >> >>",
            [b"<< /Type /Filespec /F (a.txt) >>"],
            "attachments",
        ),
        # a file carried in a file specification, its stream not saying /EmbeddedFile
        (
            b"/Extra << /Type /Filespec /F (a.txt) /EF << /F 4 0 R >> >>",
            [b"<< /Length 1 >>\nstream\nx\nendstream"],
            "attachments",
        ),
        (b"/Names << /JavaScript 4 0 R >>", [b"<< /Names [(x) << /S /JavaScript /JS (1) >>] >>"], "JavaScript"),
        (b"/AA << /WC << /S /JavaScript /JS 4 0 R >> >>", [b"<< /Length 0 >>\nstream\n\nendstream"], "JavaScript"),
        (b"/Extra << /Subtype /RichMedia /RichMediaContent << >> >>", [], "media"),
    ],
)
def test_every_kind_of_action_and_content_is_refused(entries, objects, words):
    refused_for(with_catalog(entries, *objects), words)


def test_javascript_inside_a_compressed_object_stream_is_refused():
    data = by_hand(
        {1: CATALOG[:-2] + b"/OpenAction 4 0 R >>"}, packed={2: PAGES, 3: PAGE, 4: b"<< /S /J#61vaScript /JS (1) >>"}
    )
    assert b"JavaScript" not in data
    refused_for(data, "JavaScript")


def test_an_object_the_table_does_not_list_is_judged_too():
    """An earlier revision's catalog, still in the bytes: a viewer repairing the file may read it."""
    data = by_hand(
        PAGE_TREE,
        extra=b"1 0 obj\n<< /Type /Catalog /Pages 2 0 R /OpenAction << /S /JavaScript /JS (1) >> >>\nendobj\n",
    )
    refused_for(data, "JavaScript")


def test_a_name_ended_by_nul_is_read_as_a_viewer_reads_it():
    """The PDF standard ends a name at NUL; pypdf keeps the NUL in it."""
    refused_for(with_catalog(b"/OpenAction << /S /Launch\x00/F (calc.exe) >>"), "starts a program")


# -- By allowlist: links that go where a click says, nothing else that acts --------------------------

LINK = b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 20] /A %s >>"


def with_annotation(annotation, *more):
    """A one-page PDF by hand whose page holds `annotation` (object 4), with objects 5… `more`."""
    page = PAGE[:-2] + b"/Annots [4 0 R] >>"
    return by_hand({1: CATALOG, 2: PAGES, 3: page, 4: annotation, **{number: body for number, body in enumerate(more, 5)}})


@pytest.mark.parametrize(
    "data",
    [
        with_annotation(LINK % b"<< /S /URI /URI (https://www.ilrc.org/report) >>"),
        with_annotation(LINK % b"<< /S /URI /URI (mailto:info@ilrc.org) >>"),
        with_annotation(LINK % b"5 0 R", b"<< /S /URI /URI (https://www.ilrc.org/) >>"),
        with_annotation(LINK % b"<< /S /GoTo /D [3 0 R /Fit] >>"),
        with_annotation(b"<< /Type /Annot /Subtype /Link /Rect [0 0 100 20] /Dest [3 0 R /XYZ 0 792 0] >>"),
        with_catalog(b"/OpenAction [3 0 R /XYZ null null 0]"),  # where to open, as word processors write it
        with_catalog(b"/OpenAction 4 0 R", b"[3 0 R /Fit]"),
        with_catalog(b"/AcroForm << /Fields [] >>"),  # an empty form dictionary, as some writers leave
    ],
    ids=["https", "mailto", "https-by-reference", "goto", "destination", "open-at-a-page", "open-at-a-page-by-reference", "no-fields"],
)
def test_pages_and_plain_links_pass(data):
    assert messages(data) == []


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (with_annotation(LINK % b"<< /S /URI /URI (javascript:app.alert(1)) >>"), "JavaScript"),
        (with_annotation(LINK % b"<< /S /URI /URI ( JaVaScRiPt:app.alert(1)) >>"), "JavaScript"),
        (with_annotation(LINK % b"5 0 R", b"<< /S /URI /URI (javascript:app.alert(1)) >>"), "JavaScript"),
        (with_annotation(LINK % b"<< /S /URI /URI (file:///etc/passwd) >>"), "not an https: or mailto: address"),
        (with_annotation(LINK % b"<< /S /URI /URI (http://example.org/) >>"), "not an https: or mailto: address"),
        (with_annotation(LINK % b"<< /S /URI /URI <6461746123> >>"), "not an https: or mailto: address"),
        (with_annotation(LINK % b"<< /S /URI /URI 5 0 R >>", b"(https://example.org/)"), "an address that is not written out"),
        (with_catalog(b"/OpenAction << /S /URI /URI (https://example.org/track) >>"), "as soon as it is opened"),
        (with_catalog(b"/OpenAction 4 0 R", b"<< /S /URI /URI (https://example.org/track) >>"), "as soon as it is opened"),
        (with_catalog(b"/OpenAction << /S /GoTo /D [3 0 R /Fit] >>"), "as soon as it is opened"),
        (by_hand({1: CATALOG, 2: PAGES, 3: PAGE[:-2] + b"/AA << /O << /S /GoTo /D [3 0 R /Fit] >> >> >>"}), "run by themselves"),
        (with_annotation(LINK % b"<< /S /Rendition /OP 0 >>"), "media"),
        (with_annotation(LINK % b"<< /S /Named /N /Print >>"), "an action a viewer carries out (Named)"),
        (with_annotation(LINK % b"<< /S /Hide /T (x) >>"), "(Hide)"),
        (with_annotation(LINK % b"<< /S /ResetForm >>"), "sends or loads data"),
        (with_annotation(LINK % b"<< /S /SetOCGState /State [] >>"), "(SetOCGState)"),
        (with_annotation(LINK % b"<< /S /GoToDp /Dp 5 0 R >>", b"<< >>"), "open other files"),
        (with_annotation(LINK % b"<< /S /Movie /Annotation 4 0 R >>"), "media"),
        (with_annotation(b"<< /Type /Annot /Subtype /Screen /Rect [0 0 100 20] >>"), "media"),
        (with_annotation(b"<< /Type /Annot /Subtype /Sound /Rect [0 0 100 20] /Sound 5 0 R >>", b"<< /Length 0 >>\nstream\n\nendstream"), "media"),
        (with_annotation(b"<< /Type /Annot /Subtype /3D /Rect [0 0 100 20] >>"), "media"),
        (with_annotation(b"<< /Type /Annot /Subtype /Widget /FT /Tx /T (name) /Rect [0 0 100 20] >>"), "fillable form"),
        (with_catalog(b"/AcroForm << /Fields [4 0 R] >>", b"<< /FT /Tx /T (name) >>"), "fillable form"),
        (with_annotation(LINK % b"<< /S /UR#49 /URI (javascript:1) >>"), "JavaScript"),  # an escaped name
    ],
    ids=[
        "javascript-link", "javascript-link-mixed-case", "javascript-link-by-reference", "file-link", "http-link",
        "data-link-in-hex", "address-by-reference", "open-to-another-host", "open-by-reference", "open-anywhere",
        "page-event", "rendition", "named", "hide", "reset-form", "layers", "goto-dp", "movie-action",
        "screen", "sound", "3d", "widget", "form-fields", "escaped-uri",
    ],
)
def test_anything_that_acts_is_refused_by_class(data, words):
    refused_for(data, words)


def test_a_pdf_is_refused_on_the_line_that_links_to_it(tmp_path):
    """The editor's page names it: the message lands on the link's line, saying what to do."""
    from project import copy_project

    from statement_site import checks
    from statement_site.source.project import Source

    project = copy_project(tmp_path / "project")
    (project / "docs" / "assets").mkdir(exist_ok=True)
    (project / "docs" / "assets" / "report.pdf").write_bytes(with_catalog(b"/OpenAction << /S /URI /URI (https://example.org/) >>"))
    (project / "docs" / "assets" / "alone.pdf").write_bytes(with_catalog(b"/OpenAction << /S /URI /URI (https://example.org/) >>"))
    (project / "docs" / "report.md").write_text("# Report\n\nRead [the report](assets/report.pdf).\n", encoding="utf-8")
    problems = [str(p) for p in checks.check(Source.read(project)) if "pdf" in str(p)]
    assert problems == [
        f"docs/assets/alone.pdf:1: {pdf.MESSAGES['open_action']}",
        f"docs/report.md:3: assets/report.pdf: {pdf.MESSAGES['open_action']}",
    ], problems


# -- The work is bounded ------------------------------------------------------------------------------


def nested_arrays(size):
    """One object of about `size` bytes: arrays of numbers in an array, named /JS so it is read."""
    row = b"[" + b"0 " * 5000 + b"]"
    return b"[/JS " + b" ".join([row] * (size // len(row))) + b"]"


def many_objects_to_read():
    """19,000 objects, each of which must be read (a string holds /JS): more than the time allows."""
    objects = {n: b"<< /Type /StructElem /S /P /P %d 0 R /K [0 1 2] /T (/JS) >>" % (n - 1) for n in range(4, 19_000)}
    return by_hand({**PAGE_TREE, **objects})


def too_many_objects():
    return by_hand({**PAGE_TREE, **{n: b"[%d 0 R]" % (n + 1) for n in range(4, pdf.MAX_OBJECTS + 10)}})


def one_huge_object():
    """9.5 MB of nested arrays in one object, which pypdf would take seconds to read in one call."""
    return by_hand({**PAGE_TREE, 4: nested_arrays(9_500_000)})


def one_huge_string():
    """A 9.5 MB hex string, which pypdf reads a character at a time."""
    return by_hand({**PAGE_TREE, 4: b"[/JS <" + b"41" * 4_750_000 + b">]"})


def a_decompression_bomb():
    """An object stream that decompresses to 4 MB from a few KB."""
    return by_hand({1: CATALOG}, packed={2: PAGES, 3: PAGE, 4: b"[" + b"0 " * 2_000_000 + b"]"})


@pytest.mark.parametrize(
    "make", [many_objects_to_read, too_many_objects, one_huge_object, one_huge_string, a_decompression_bomb]
)
def test_an_adversarial_pdf_is_refused_as_too_complex_well_under_a_second(make):
    """Time as the check counts it: this thread's processor time, whatever else the machine runs."""
    data = make()
    assert len(data) <= 10_000_000
    start = time.thread_time()
    found = messages(data)
    elapsed = time.thread_time() - start
    assert found == [pdf.TOO_COMPLEX]
    assert elapsed < 1.0, f"{elapsed:.2f} s"


# -- A link to a PDF says its type and size ------------------------------------------------------------

REPORT_BYTES = 1_234_567


@pytest.fixture
def project(tmp_path):
    """A project whose docs/assets/report.pdf is 1.2 MB and notes.pdf 340 KB."""
    assets = tmp_path / "docs" / "assets"
    assets.mkdir(parents=True)
    (assets / "report.pdf").write_bytes(b"%PDF-1.7\n" + b"\0" * (REPORT_BYTES - 9))
    (assets / "notes.pdf").write_bytes(b"%PDF-1.7\n" + b"\0" * (340_400 - 9))
    return tmp_path


def rendered(text, project, page="index.md", extensions=("attr_list",)):
    md = markdown.Markdown(extensions=[*extensions, AttachmentsExtension(page=page, root=project)])
    return etree.fromstring(f"<div>{md.convert(text)}</div>")


def links(tree):
    return list(tree.iter("a"))


def assert_allowed(tree):
    for element in tree.iter():
        assert allowlist.content_problem(element.tag, dict(element.attrib)) == (None, {}), etree.tostring(element)


def test_a_link_to_a_pdf_says_its_type_and_size(project):
    tree = rendered("[Annual report](assets/report.pdf)", project)
    (link,) = links(tree)
    assert "".join(link.itertext()) == "Annual report (PDF, 1.2 MB)"
    assert link.get("class") == "attachment"
    assert link.get("href") == "assets/report.pdf"
    assert list(link) == []
    assert_allowed(tree)


def test_sizes_under_a_megabyte_are_in_kilobytes(project):
    (link,) = links(rendered("[Notes](assets/notes.pdf)", project))
    assert "".join(link.itertext()).endswith("(PDF, 340 KB)")


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "1 KB"),
        (999, "1 KB"),
        (1_499, "1 KB"),
        (340_400, "340 KB"),
        (999_499, "999 KB"),
        (999_500, "1.0 MB"),
        (1_234_567, "1.2 MB"),
        (9_960_000, "10.0 MB"),
    ],
)
def test_size_text(size, text):
    assert size_text(size) == text


def test_a_link_with_markup_classes_and_an_anchor_keeps_them(project):
    tree = rendered("[The *annual* report](assets/report.pdf#page=3){ .md-button }", project)
    (link,) = links(tree)
    assert "".join(link.itertext()) == "The annual report (PDF, 1.2 MB)"
    assert link.get("class").split() == ["md-button", "attachment"]
    assert [child.tag for child in link] == ["em"]
    assert_allowed(tree)


def test_a_page_in_a_folder_links_relative_to_it(project):
    (link,) = links(rendered("[Informe](../assets/report.pdf)", project, page="es/index.md"))
    assert "".join(link.itertext()) == "Informe (PDF, 1.2 MB)"


@pytest.mark.parametrize(
    "href",
    [
        "assets/missing.pdf",
        "https://example.org/assets/report.pdf",
        "/assets/report.pdf",
        "../../assets/report.pdf",
        "assets/report.png",
        "#assets",
        "assets/re%00port.pdf",
        "assets/loop.pdf",
    ],
)
def test_other_links_are_left_alone(project, href):
    (project / "docs" / "assets" / "loop.pdf").symlink_to("loop.pdf")
    (link,) = links(rendered(f"[Elsewhere]({href})", project))
    assert "".join(link.itertext()) == "Elsewhere"
    assert link.get("class") is None


def test_a_symbolic_link_out_of_docs_is_left_alone(project, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside") / "secret.pdf"
    outside.write_bytes(b"%PDF-1.7\n")
    (project / "docs" / "assets" / "secret.pdf").symlink_to(outside)
    (link,) = links(rendered("[Secret](assets/secret.pdf)", project))
    assert "".join(link.itertext()) == "Secret"


def test_without_a_page_nothing_changes(project):
    md = markdown.Markdown(extensions=["attr_list", AttachmentsExtension()])
    assert md.convert("[Annual report](assets/report.pdf)") == '<p><a href="assets/report.pdf">Annual report</a></p>'


def test_after_content_safety_the_output_passes_the_allowlist(project):
    extensions = ("attr_list", "statement_site.markdown.safety")
    tree = rendered("[Annual report](assets/report.pdf){ .sneaky onclick=alert(1) }", project, extensions=extensions)
    (link,) = links(tree)
    assert link.get("class") == "attachment"
    assert "".join(link.itertext()) == "Annual report (PDF, 1.2 MB)"
    assert_allowed(tree)
