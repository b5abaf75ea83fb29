"""Whether a PDF under docs/ may be published: pages to read, and nothing that acts.

    problems = pdf_problems(path.read_bytes())   # [(1, "…: what to do instead")], [] when fine

A PDF can hold more than pages: JavaScript, actions that start programs, open other files or
send form data, files carried inside it, multimedia, XFA forms. A reader's PDF viewer may act on
them when they open a document the statement links to, so such a file is refused, each kind with
what to do instead (export it again with 'Save as PDF' or 'Print to PDF', which writes pages only).
A file that is not a PDF, is damaged or is encrypted cannot be inspected, and is refused too.

What may act is judged by allowlist (`dictionary_kinds`): a link goes where a click on it says,
to an https: or mailto: address (`/URI`) or a place of the document (`/GoTo`, a destination);
every other action type of the standard is refused (`ACTION_TYPES`), and so is any action that
runs by itself (`/OpenAction` other than a destination, `/AA`), an annotation that plays media
or is a form's field, and a form's fields. The editor checks report a refused PDF on the line of
the page that links to it (checks.file_problems).

How it looks, with pypdf:
- **Every object the reader can resolve**: those of the cross-reference table, and those inside
  the object streams it names, are searched for the names of those features, as keys (`/JS`,
  `/AA`, `/EmbeddedFiles`) or values (`/S /JavaScript`, `/S /Launch`, `/Subtype /FileAttachment`),
  at any depth: name trees, annotations' actions, `/OpenAction`, additional actions. pypdf decodes
  escaped names (`/J#61vaScript` is `/JavaScript`). References are not followed: the objects they
  lead to are read from the table themselves, so a cycle cannot loop.
- **A second net, on the raw bytes**: each object header (`12 0 obj`) the table does not point to,
  such as an earlier revision's objects, or those a viewer's repair of a damaged file would find,
  is read and judged the same way. A plain search of the bytes for the keywords is not the net:
  compressed streams are random bytes, in which `/JS` or `/EF` and a delimiter turn up by chance
  (in about one 10 MB file in thirteen), and ordinary links (`https://example.org/JS`) and titles
  hold them as text; either would refuse an ordinary PDF. Reading objects compares names, not text.
- **Reading only what could hold one.** pypdf reads an object in about 0.1 ms, so an ordinary
  report of 5,000 objects would take half a second. Every name pypdf reads is a token of the bytes
  it parses (`/` up to the next delimiter, escapes decoded): when no token of the file can be a
  refused name (`holds_suspect_name`), no object written in the file holds one, and only the object
  streams, whose content is compressed, are opened, and searched the same way before their objects
  are read. Any suspect token, even in a string or in compressed data, means every object is read.

The work is bounded whatever the file: at most MAX_OBJECTS objects and MAX_ITEMS keys and values,
and SECONDS of processor time, met at every read, even inside one object (`TimedBytes`); what
pypdf does in one call (decoding a stream, counting headers) is bounded before it starts
(`decoding_limits`, `too_many_headers`). Past a bound the file is refused as too complex: any
10 MB file is judged in well under a second, an ordinary one in a few hundredths.
"""

import io
import logging
import re
import time
from contextlib import contextmanager

from pypdf import PdfReader, apply_configuration
from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject, StreamObject, read_object

from . import limits
from .allowlist import url_scheme

MAX_OBJECTS = 20_000  # an ordinary 100-page report has a few thousand
MAX_ITEMS = 1_000_000  # keys, values and array elements read, over all objects
MAX_ESCAPED_NAMES = 20_000  # names with a # escape decoded to look for refused ones
MAX_REVISIONS = 1_000  # `trailer` and `startxref` keywords: one of each per save
SECONDS = 0.5  # pypdf opens a file of 20,000 objects in 0.3 s, checking where each one starts
# What pypdf does in one call the deadline cannot interrupt, decoding a stream (0.4 µs a byte at
# worst, in Python) or parsing a whole object stream (1.5 µs a byte), is bounded by decoded size:
TABLE_BYTES = 200_000  # cross-reference streams, as the file is opened: 20,000 objects take 160 KB
OWN_BYTES = 64_000  # an object stream pypdf parses whole on its own (a /Length inside one)
OTHER_FILTER_BYTES = 200_000  # an object stream decoded otherwise than by zlib alone
OBJECT_STREAM_BYTES = 2_000_000  # one decompressed by zlib, its objects read here within the deadline


def decoding_limits(size):
    """pypdf's configuration for decoding at most `size` bytes per stream."""
    return {
        "zlib_maximum_output_length": size,
        "lzw_maximum_output_length": size,
        "run_length_maximum_output_length": size,
        "brotli_maximum_output_length": size,
        "jbig2_maximum_output_length": size,
        "array_based_stream_maximum_output_length": size,
        "stream_decoding_work_maximum_length": size,
        "stream_filters_maximum_length": 2,
    }


# -- What is refused, in words for editors ---------------------------------------------------------

AGAIN = "open it and export it again with 'Save as PDF' or 'Print to PDF'"
# A name as pypdf decodes it -> the kind of feature it gives away.
REFUSED_NAMES = {
    "/JS": "javascript",
    "/JavaScript": "javascript",
    "/Launch": "launch",
    "/EmbeddedFile": "attachment",
    "/EmbeddedFiles": "attachment",
    "/FileAttachment": "attachment",
    "/EF": "attachment",  # a file specification's embedded file, which need not say /EmbeddedFile
    "/RichMedia": "media",  # and the other /RichMedia… names, by prefix (kind_of)
    "/XFA": "xfa",
    "/SubmitForm": "form",
    "/ImportData": "form",
    "/GoToR": "other_file",
    "/GoToE": "other_file",
}
# What a PDF may hold, by allowlist: pages, text, images, fonts, and links that go where a
# click on them says (`/URI` to an https: or mailto: address, `/GoTo` a place of the document).
# Every other action is refused, by its type (the `/S` of an action dictionary), and so is an
# action that runs by itself: on opening (`/OpenAction`, unless it only says where to open),
# or on an event (`/AA`).
ALLOWED_ACTIONS = {"/URI", "/GoTo"}
LINK_SCHEMES = {"https", "mailto"}
# Every action type of the PDF standard (ISO 32000-2, 12.6.4), with the kind it is reported as.
ACTION_TYPES = {
    "/GoTo": "action", "/URI": "action", "/GoToR": "other_file", "/GoToE": "other_file", "/GoToDp": "other_file",
    "/Launch": "launch", "/Thread": "action", "/Sound": "media", "/Movie": "media", "/Rendition": "media",
    "/RichMediaExecute": "media", "/GoTo3DView": "media", "/Hide": "action", "/Named": "action",
    "/SubmitForm": "form", "/ResetForm": "form", "/ImportData": "form", "/SetOCGState": "action",
    "/Trans": "action", "/JavaScript": "javascript", "/ECMAScript": "javascript",
}  # fmt: skip
# Annotations that play media or are a form's fields.
ANNOTATION_KINDS = {"/Screen": "media", "/Movie": "media", "/Sound": "media", "/3D": "media", "/Widget": "fields"}
# Kind -> message, in the order they are reported ({} holds what was found, for some).
MESSAGES = {
    "javascript": f"this PDF holds JavaScript, which PDF viewers may run when a reader opens it: {AGAIN}, without forms or scripts",
    "launch": f"this PDF holds an action that starts a program on the reader's computer (Launch): {AGAIN}, without actions",
    "attachment": (
        "this PDF carries other files inside it (attachments): put each of them under docs/ and link to it from the page, "
        f"and {AGAIN}, without attachments"
    ),
    "media": f"this PDF embeds or plays media (video, sound, 3D): link to the media from the page instead, and {AGAIN}",
    "xfa": "this PDF is an XFA form, which some viewers run as a program: print it with 'Print to PDF', or link to the form on the organisation's site instead",
    "form": (
        "this PDF holds a form that sends or loads data (SubmitForm, ImportData): print it with 'Print to PDF', "
        "which keeps how it looks, or link to the form on the organisation's site instead"
    ),
    "other_file": f"this PDF holds links that open other files (GoToR, GoToE): link to those documents from the page instead, and {AGAIN}",
    "open_action": f"this PDF acts as soon as it is opened (an /OpenAction): {AGAIN}, without actions",
    "event_action": f"this PDF holds actions that run by themselves when a page or a field is opened or changed (/AA): {AGAIN}, without actions",
    "action": f"this PDF holds an action a viewer carries out ({{}}): {AGAIN}, without actions",
    "link": f"this PDF holds a link to {{}}, which is not an https: or mailto: address: link to https: addresses only, and {AGAIN}",
    "fields": "this PDF is a fillable form, whose fields can carry actions: print it with 'Print to PDF', which keeps how it looks, or link to the form on the organisation's site instead",
}
NOT_A_PDF = "this file is not a PDF (it does not begin with %PDF-): save the document with 'Save as PDF' or 'Print to PDF' and replace the file"
DAMAGED = f"this PDF is damaged or incomplete, so it cannot be checked: {AGAIN}, and replace the file"
ENCRYPTED = "this PDF is encrypted or password-protected, so it cannot be checked (and some readers could not open it): export it again without a password or restrictions"
TOO_COMPLEX = (
    f"this PDF is too complex to check in time (more than {MAX_OBJECTS:,} objects, or objects too large to read quickly): "
    f"{AGAIN}, or split it into smaller documents"
)
TOO_BIG = f"this PDF is larger than {limits.PDF_BYTES // 1_000_000} MB, too large to check: save it smaller ('Reduce file size') and replace the file"

# -- Tokens, as pypdf reads them -------------------------------------------------------------------

# Where pypdf ends a name (NameObject.delimiter_pattern): white space and the PDF delimiters.
DELIMITERS = rb"\t\n\x0b\x0c\r ()<>\[\]{}/%"
# A refused name written plainly, ending where pypdf ends it (or at NUL: see viewer_name).
PLAIN_SUSPECT = re.compile(
    rb"/(?:JS|JavaScript|Launch|EmbeddedFiles?|FileAttachment|EF|XFA|SubmitForm|ImportData|GoTo[RE]|OpenAction|AA"
    rb"|URI|GoTo|GoToDp|Thread|Sound|Movie|Rendition|GoTo3DView|Hide|Named|ResetForm|SetOCGState|Trans|ECMAScript"
    rb"|Screen|3D|Widget|AcroForm)(?=[\x00" + DELIMITERS + rb"]|\Z)|/RichMedia"
)
# A name with an escape, `/J#61vaScript`, as far as a refused name can reach (15 characters, 3
# bytes each when escaped): decoded one by one.
ESCAPED_NAME = re.compile(rb"/[^#" + DELIMITERS + rb"]{0,45}#[^" + DELIMITERS + rb"]{0,45}")
# What comes before `obj` in a header: `12 0 `.
HEADER_START = re.compile(rb"(?<![0-9])([0-9]{1,10})[\x00\t\n\x0c\r ]{1,8}([0-9]{1,5})[\x00\t\n\x0c\r ]{1,8}\Z")
WHITESPACE = b"\x00\t\n\x0c\r "


class OutOfTime(BaseException):
    """A bound on work is reached. A BaseException, because pypdf's recovery paths catch
    Exception and carry on reading: the bound must not be swallowed there."""


class Damaged(Exception):
    """A part of the file a viewer would read cannot be read."""


# -- The check -------------------------------------------------------------------------------------


def pdf_problems(data):
    """[(1, problem)] for a PDF under docs/, the first of MESSAGES found: [] when it may be published."""
    if len(data) > limits.PDF_BYTES:
        return [(1, TOO_BIG)]
    if not data.startswith(b"%PDF-"):
        return [(1, NOT_A_PDF)]
    if b"%%EOF" not in data[-1024:]:  # where every writer ends a file: it was cut short
        return [(1, DAMAGED)]
    if too_many_headers(data):
        return [(1, TOO_COMPLEX)]
    budget = Budget(SECONDS, MAX_OBJECTS, MAX_ITEMS)
    try:
        with quiet_pypdf(), apply_configuration(**decoding_limits(TABLE_BYTES)):
            found = kinds_found(data, budget)
    except (OutOfTime, LimitReachedError, RecursionError, MemoryError):
        return [(1, TOO_COMPLEX)]
    except Exception:  # noqa: BLE001 - a file pypdf cannot read, whatever the reason, is refused
        return [(1, DAMAGED)]
    if "encrypted" in found:
        return [(1, ENCRYPTED)]
    details = {}  # kind -> what was found, for the messages that say it
    for item in found:
        kind, detail = item if isinstance(item, tuple) else (item, "")
        details.setdefault(kind, set()).add(detail)
    # One message: the first kind found, in MESSAGES' order; exported again, the file has none.
    first = next(((kind, message) for kind, message in MESSAGES.items() if kind in details), None)
    return [(1, first[1].format(", ".join(sorted(details[first[0]]))[:200]))] if first else []


# Reading a PDF's words for the redline (`pdf_text`): a report of a few hundred pages takes a second.
TEXT_SECONDS = 3.0
TEXT_PAGES = 1_000


def pdf_text(data):
    """The words of a PDF that may be published, page after page, white space folded; None when
    they cannot be read (a file `pdf_problems` refuses, or one too long to read within the bounds)."""
    if pdf_problems(data):
        return None
    budget = Budget(TEXT_SECONDS, MAX_OBJECTS, MAX_ITEMS)
    words = []
    try:
        with quiet_pypdf(), apply_configuration(**decoding_limits(OBJECT_STREAM_BYTES)):
            reader = PdfReader(TimedBytes(data, budget), strict=False, xref_stream_maximum_entries=MAX_OBJECTS)
            if len(reader.pages) > TEXT_PAGES:
                return None
            for page in reader.pages:
                budget.check_time()
                words += (page.extract_text() or "").split()
    except (OutOfTime, LimitReachedError, RecursionError, MemoryError):
        return None
    except Exception:  # noqa: BLE001 - words pypdf cannot read, whatever the reason, are words unknown
        return None
    return " ".join(words)


def too_many_headers(data):
    """More object headers or revisions than the bounds, counted before pypdf reads the file:
    its repair of a damaged file visits each of them in one call. `obj` ends each header and
    each `endobj`, with room for the word in text."""
    revisions = data.count(b"trailer") + data.count(b"startxref")
    return data.count(b"obj") > 3 * MAX_OBJECTS or revisions > MAX_REVISIONS


def kinds_found(data, budget):
    """The kinds of refused feature in the file: {"javascript", …}, or {"encrypted"}."""
    try:
        reader = PdfReader(TimedBytes(data, budget), strict=False, xref_stream_maximum_entries=MAX_OBJECTS)
    except (DependencyError, FileNotDecryptedError):  # AES needs `cryptography`, which is not installed
        return {"encrypted"}
    if reader.is_encrypted:  # its strings and streams cannot be read without the key
        return {"encrypted"}
    with apply_configuration(**decoding_limits(OWN_BYTES)):
        return kinds_in_objects(reader, data, budget)


def kinds_in_objects(reader, data, budget):
    """The kinds in the objects of an opened file."""
    suspect = holds_suspect_name(data)
    found = names_in(reader.trailer, budget)
    # Object streams first: the objects read from them here, within the bounds, are those pypdf
    # then takes when an object refers to one, instead of parsing a whole stream in one call.
    for number in sorted(object_stream_numbers(reader)):
        found |= object_kinds(reader, reader.get_object(number), budget, every_member=suspect, named=True)
    references = file_references(reader, budget)
    # Without a suspect token in the file, no object written in it can hold a refused name.
    for reference in references if suspect else ():
        found |= object_kinds(reader, reference.get_object(), budget)
    found |= unlisted_kinds(reader, data, budget)
    return found


def object_stream_numbers(reader):
    return {number for number, _ in reader.xref_objStm.values()}


def file_references(reader, budget):
    """Each object the cross-reference table points to in the file, free entries left out (those
    of object streams are read by object_kinds). Their number is bounded before any is read."""
    streams, references = object_stream_numbers(reader), []
    for generation, numbers in reader.xref.items():
        free = reader.xref_free_entry.get(generation, {})
        for number in numbers:
            # pypdf takes an object from its object stream first: that one is read as a member.
            if free.get(number) or generation == 0 and (number in reader.xref_objStm or number in streams):
                continue
            references.append(IndirectObject(number, generation, reader))
    budget.spend_objects(len(references))
    return references


def object_kinds(reader, obj, budget, every_member=False, named=False):
    """The kinds in one object, and in the objects inside it when it is an object stream: one
    the table `named` as such (pypdf reads it as one whatever it says), or one that says so."""
    budget.check_time()
    found = names_in(obj, budget)
    if isinstance(obj, StreamObject) and (named or dict.get(obj, "/Type") == "/ObjStm"):
        for member in object_stream_members(reader, obj, budget, every_member):
            found |= names_in(member, budget)
    return found


def unlisted_kinds(reader, data, budget):
    """The second net: objects whose header is in the file where the table does not point."""
    listed = {
        (number, generation): offset
        for generation, entries in reader.xref.items()
        for number, offset in entries.items()
    }
    found, source = set(), TimedBytes(data, budget)
    for key, start in object_headers(data):
        budget.check_time()
        if is_listed(data, listed.get(key), start):
            continue
        budget.spend_objects(1)
        source.seek(start)
        try:
            reader.read_object_header(source)
            obj = read_object(source, reader)
        except (LimitReachedError, RecursionError):
            raise
        except Exception:  # noqa: BLE001 - not an object after all (text in a stream): nothing a viewer reads
            continue
        found |= object_kinds(reader, obj, budget)
    return found


def object_headers(data):
    """((number, generation), start) of each `12 0 obj` in the bytes, found from its `obj`
    (too_many_headers bounds how many there are)."""
    position = data.find(b"obj")
    while position >= 0:
        if data[position - 3 : position] != b"end" and not data[position + 3 : position + 4].isalpha():
            match = HEADER_START.search(data, max(0, position - 32), position)
            if match:
                yield (int(match[1]), int(match[2])), match.start()
        position = data.find(b"obj", position + 3)


def is_listed(data, offset, start):
    """The table points at this header, or at the white space just before it."""
    return offset is not None and offset <= start <= offset + 64 and not data[offset:start].strip(WHITESPACE)


# -- Object streams, read with the same bounds as the file -----------------------------------------


def object_stream_members(reader, stream, budget, every_member):
    """The objects an object stream holds: all of them when `every_member` (the file's other
    objects will be read, and may refer to them), else only when its content holds a suspect
    name. pypdf would parse them in one call; here each is read from a TimedBytes."""
    count, first = dict.get(stream, "/N"), dict.get(stream, "/First")
    if not isinstance(count, int) or not isinstance(first, int) or count < 0 or first < 0:
        raise Damaged("an object stream without /N or /First")
    budget.spend_objects(count)
    data = object_stream_data(stream)
    if not every_member and not holds_suspect_name(data):
        return []
    header = data[:first].split()[: 2 * count]
    if len(header) < 2 * count or not all(part.isdigit() for part in header):
        raise Damaged("an object stream's table of its objects")
    members, source = [], TimedBytes(data, budget)
    for number, offset in zip(header[::2], header[1::2]):
        source.seek(first + int(offset))
        member = read_object(source, reader)
        keep_for_pypdf(reader, stream, int(number), member)
        members.append(member)
    return members


def object_stream_data(stream):
    """An object stream's content. An ordinary one is only Flate-compressed: zlib decompresses it
    at C speed, and its objects are read within the deadline. Any other filter or predictor is
    decoded in Python, in one call: a smaller bound keeps that short."""
    filters = dict.get(stream, "/Filter")
    plain = filters == "/FlateDecode" or isinstance(filters, ArrayObject) and list(filters) == ["/FlateDecode"]
    size = OBJECT_STREAM_BYTES if plain and "/DecodeParms" not in stream else OTHER_FILTER_BYTES
    with apply_configuration(**decoding_limits(size)):
        return stream.get_data()


def keep_for_pypdf(reader, stream, number, member):
    """Hand pypdf an object read here, when the table says it lives in this stream: pypdf takes
    it from its cache when another object refers to it (a stream's /Length)."""
    home = reader.xref_objStm.get(number)
    here = stream.indirect_reference
    if home and here is not None and home[0] == here.idnum and reader.cache_get_indirect_object(0, number) is None:
        reader.cache_indirect_object(0, number, member)


# -- Names -----------------------------------------------------------------------------------------


def holds_suspect_name(data):
    """Whether any token of `data` could be read as a refused name: every name pypdf reads from
    these bytes is one of their tokens, so without one no object read from them holds one."""
    if PLAIN_SUSPECT.search(data):
        return True
    for count, match in enumerate(ESCAPED_NAME.finditer(data)):
        # Compressed data holds a few thousand by chance; more are taken as suspect, unread.
        if count > MAX_ESCAPED_NAMES or is_suspect(NameObject.unnumber(match.group()).decode("latin-1")):
            return True
    return False


def names_in(obj, budget):
    """The kinds whose names appear in `obj` (keys or values, at any depth), without following
    references: what they lead to is read on its own."""
    found, stack = set(), [obj]
    while stack:
        item = stack.pop()
        budget.spend_item()
        if isinstance(item, NameObject):
            kind = kind_of(item)
            if kind:
                found.add(kind)
        elif isinstance(item, DictionaryObject):
            found |= dictionary_kinds(item)
            for key, value in dict.items(item):  # dict's own: pypdf's would resolve references
                stack += (key, value)
        elif isinstance(item, ArrayObject):
            stack += list.__iter__(item)
    return found


def kind_of(name):
    name = viewer_name(name)
    return "media" if name.startswith("/RichMedia") else REFUSED_NAMES.get(name)


def is_suspect(name):
    """A name that can make a dictionary one this check reads for what it does (an action, an
    annotation that plays or is a field): a token that means every object must be read."""
    name = viewer_name(name)
    return bool(kind_of(name)) or name in ACTION_TYPES or name in ANNOTATION_KINDS or name in ("/OpenAction", "/AA", "/AcroForm")


def dictionary_kinds(item):
    """The kinds a dictionary gives away by what it is: an action other than a link's, an
    action that runs by itself, a link to another scheme, media or a form's field."""
    get = lambda key: dict.get(item, NameObject(key))  # noqa: E731 - dict's own: no reference is followed
    found = set()
    action = viewer_name(str(get("/S"))) if isinstance(get("/S"), NameObject) else None
    if action in ACTION_TYPES and action not in ALLOWED_ACTIONS:
        kind = ACTION_TYPES[action]
        found.add((kind, action[1:]) if kind == "action" else kind)
    if action == "/URI":
        address = get("/URI")
        text = address.decode("latin-1") if isinstance(address, bytes) else str(address) if isinstance(address, str) else ""
        scheme = url_scheme(text.strip("".join(map(chr, range(0x21)))))
        if scheme == "javascript":
            found.add("javascript")
        elif scheme not in LINK_SCHEMES:
            found.add(("link", repr(text[:80]) if text else "an address that is not written out"))
    opening = get("/OpenAction")
    if isinstance(opening, IndirectObject):
        opening = opening.get_object()  # one reference: whether it says where to open, or acts
    if isinstance(opening, DictionaryObject):
        found.add("open_action")
    if get("/AA") is not None:
        found.add("event_action")
    subtype = get("/Subtype")
    if isinstance(subtype, NameObject) and viewer_name(str(subtype)) in ANNOTATION_KINDS:
        found.add(ANNOTATION_KINDS[viewer_name(str(subtype))])
    fields = get("/Fields")
    if get("/XFA") is None and isinstance(fields, (ArrayObject, IndirectObject)) and (not isinstance(fields, ArrayObject) or len(fields)):
        found.add("fields")
    return found


def viewer_name(name):
    """The name a viewer reads: the PDF standard ends a name at NUL, where pypdf does not, so
    `/JS` followed by NUL is `/JS` to a viewer and `/JS\\x00` to pypdf."""
    return name.split("\x00", 1)[0]


# -- Bounds ----------------------------------------------------------------------------------------


class Budget:
    """What is left for one file: time, objects, items. OutOfTime when any runs out. The time is
    this thread's processor time, so that a verdict does not change with the machine's load."""

    def __init__(self, seconds, objects, items):
        self.deadline = time.thread_time() + seconds
        self.objects, self.items = objects, items

    def check_time(self):
        if time.thread_time() > self.deadline:
            raise OutOfTime

    def spend_objects(self, count):
        self.objects -= count
        if self.objects < 0:
            raise OutOfTime

    def spend_item(self):
        self.items -= 1
        if self.items < 0:
            raise OutOfTime
        if self.items % 1024 == 0:
            self.check_time()


class TimedBytes(io.BytesIO):
    """The bytes as pypdf reads them, with the deadline checked every CHECK_EVERY reads: pypdf
    parses one object in one call (a 10 MB array takes seconds), so the bound is met inside it."""

    CHECK_EVERY = 64  # a read is a token or less; the clock at each would cost a third of the time

    def __init__(self, data, budget):
        super().__init__(data)
        self.budget, self.reads = budget, 0

    def read(self, size=-1):
        self.reads += 1
        if self.reads % self.CHECK_EVERY == 0:
            self.budget.check_time()
        return io.BytesIO.read(self, size)

    def readline(self, size=-1):
        self.budget.check_time()
        return io.BytesIO.readline(self, size)


@contextmanager
def quiet_pypdf():
    """pypdf's warnings about a damaged file stay out of the editors' check output (a crafted
    file makes thousands); its level is put back afterwards."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)
