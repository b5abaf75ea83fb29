"""Pages in other languages and scripts, as a translator writes them, for the tests of both tiers
(tests/check/test_scripts.py, tests/browser/test_reading_scripts.py) and the ordinary edits
(tests/edits.py): Arabic, Hebrew and Persian (right to left; Persian with the non-joiners its
spelling needs), Hindi (Devanagari, with a joiner), Chinese, Japanese and Korean.

Each page has its own file name (`docs/test-scripts-<lang>.md`, or the edits' own), its own IDs,
and is offered by the language switch as CONTRIBUTING.md says."""

from dataclasses import dataclass
from pathlib import Path

from mkdocs_yml import add_language_switch, add_to_nav
from project import build_copy, copy_project

from statement_site.source.project import Source

ZWNJ, ZWJ = "\u200c", "\u200d"


@dataclass(frozen=True)
class Sample:
    name: str  # the language's own name, as the language switch shows it
    title: str
    paragraph: str  # ends in the script's full stop
    section: str
    item: str


SAMPLES = {
    "ar": Sample(
        "العربية",
        "مركز الموارد القانونية للمهاجرين يدعو إلى وقف دائم لإطلاق النار",
        "نطالب بوقف دائم لإطلاق النار والإفراج عن جميع الرهائن، وضمان وصول المساعدات الإنسانية دون عوائق (ILRC).",
        "مطالبنا",
        "على الكونغرس أن يدعم وقف إطلاق النار.",
    ),
    "he": Sample(
        "עברית",
        "המרכז למשאבים משפטיים למהגרים קורא להפסקת אש קבועה",
        "אנו קוראים להפסקת אש קבועה ולשחרור כל החטופים, ולהבטחת סיוע הומניטרי ללא הפרעה.",
        "הדרישות שלנו",
        "על הקונגרס לתמוך בהפסקת האש.",
    ),
    "fa": Sample(
        "فارسی",
        f"مرکز منابع حقوقی مهاجران خواستار آتش{ZWNJ}بس دائمی است",
        f"آتش{ZWNJ}بس دائمی نخستین گام به سوی صلح و ثبات در منطقه است. ما می{ZWNJ}خواهیم همه گروگان{ZWNJ}ها آزاد شوند.",
        f"خواسته{ZWNJ}های ما",
        f"کنگره باید از آتش{ZWNJ}بس پشتیبانی کند.",
    ),
    "hi": Sample(
        "हिन्दी",
        "आप्रवासी कानूनी संसाधन केंद्र स्थायी युद्धविराम का आह्वान करता है",
        f"स्थायी युद्धविराम क्षेत्र में शांति और स्थिरता की ओर पहला कदम है। हम सत्{ZWJ}याग्रह की भावना से सभी बंधकों की रिहाई की मांग करते हैं।",
        "हमारी मांगें",
        "कांग्रेस को युद्धविराम का समर्थन करना चाहिए।",
    ),
    "zh": Sample(
        "中文",
        "移民法律资源中心呼吁永久停火",
        "永久停火是实现该地区和平与稳定的第一步，我们呼吁立即释放所有人质，确保人道主义援助不受阻碍地进入加沙，"
        "并保护所有平民的生命安全，我们将继续与每一个受影响的家庭和社区站在一起，直到和平真正到来。",
        "我们的呼吁",
        "国会必须支持永久停火。",
    ),
    "ja": Sample(
        "日本語",
        "移民法律資源センターは恒久的な停戦を求めます",
        "私たちは恒久的な停戦と、すべての人質の即時解放と、人道支援の妨げのない搬入と、すべての民間人の命の保護を求め、"
        "影響を受けたすべての家族と地域社会とともに、平和が訪れるその日まで歩み続けます。",
        "私たちの要求",
        "議会は停戦を支持しなければなりません。",
    ),
    "ko": Sample(
        "한국어",
        "이민법률자원센터는 영구적인 휴전을 촉구합니다",
        "영구적인 휴전은 이 지역의 평화와 안정을 향한 첫걸음이며, 우리는 모든 인질의 즉각적인 석방을 촉구합니다.",
        "우리의 요구",
        "의회는 휴전을 지지해야 합니다.",
    ),
}


def page_markdown(lang, prefix):
    """A page in `lang`, as a translator writes it: its language in the front matter, a title,
    a paragraph, a section and a call, each with an ID of the page's own (`prefix`-…)."""
    sample = SAMPLES[lang]
    return (
        f"---\nlang: {lang}\n---\n\n# {sample.title}\n\n{sample.paragraph}\n{{#{prefix}-first}}\n\n"
        f"## {sample.section} {{#{prefix}-section}}\n\n- {sample.item}\n  {{#{prefix}-call}}\n"
    )


def add_page_in(project, lang, stem, prefix):
    """docs/<stem>.md in `lang`, in the nav and offered by the language switch: the page's model
    src."""
    (Path(project) / "docs" / f"{stem}.md").write_text(page_markdown(lang, prefix), encoding="utf-8")
    add_to_nav(project, SAMPLES[lang].name, f"{stem}.md")
    add_language_switch(project, [("English", "./", "en"), (SAMPLES[lang].name, f"{stem}/", lang)])
    return f"{stem}.md"


def add_pages_in_every_script(project):
    """A page in each language of SAMPLES: {lang: its src}."""
    return {lang: add_page_in(project, lang, f"test-scripts-{lang}", f"test-{lang}") for lang in SAMPLES}


def built_in_every_script(folder):
    """(model, site folder, {lang: page}) of a copy of the project in `folder` with a page in
    each language of SAMPLES, built with MkDocs."""
    project = copy_project(Path(folder) / "project")
    srcs = add_pages_in_every_script(project)
    code, output = build_copy(project, "-q")
    assert code == 0, output
    source = Source.read(project)
    return source, project / "site", {lang: source.pages[src] for lang, src in srcs.items()}
