"""WordPress import: the real `import_wordpress` command on generated exports of N posts, run twice.

    .venv/bin/python bench/wordpress_import.py                        # 1,000 then 5,000 posts, 5 min
    .venv/bin/python bench/wordpress_import.py --sizes 1000,20000     # a large site, 20 min
    .venv/bin/python bench/wordpress_import.py --database-url postgres://postgres@127.0.0.1:5432/bench_wordpress

For each size, smallest first: a WordPress export (WXR 1.2, as WordPress writes it) of N importable
posts is written to a temporary folder, one item at a time, never whole in memory: 5 authors, 10
categories two levels deep, 20 tags, classic-editor posts of about 2.4 kB (paragraphs, a heading, a
list, a link to another post's permalink, a [caption] with an image from the uploads folder, whose
attachment is not in the export), excerpts on some, `_wp_old_slug` on some, a few drafts, one
scheduled post, and one private post that must be skipped; --comments-per-post comments a post on
average, with replies, and one pending and one in the trash among the comments of most posts.

The database is new for each size: a migrated temporary SQLite file, or the PostgreSQL database of
--database-url, emptied with `manage.py flush` (so it must be one only for benchmarks). Then
`manage.py import_wordpress FILE` runs as production would run it (bench.settings, debug off) and is
measured: wall time, CPU time and peak memory. The peak is the command's own `ru_maxrss`, read with
wait4() on its pid, or the VmHWM sampled from /proc/<pid>/status every 0.1 s if that is higher.
Checked: exit status 0; the report's counts (posts and comments created, the private post and the
trashed comments skipped, one redirect per old address); and, in a subprocess, what the database
holds: the articles and comments by status, the redirects, and no body still linking to the old site.
Then the same command runs again on the same database and file, timed: it must create and update
nothing.

The importer reads the file as a stream and keeps only a small entry for each post (its new address
and its old ones), so its peak at the largest size may exceed the smallest one's by at most
--max-growth-mib, by default 2 MiB plus 2 KiB for each post more (see bench/README.md for why).

Output: progress on stderr; a table on stdout, the last line being
    wordpress_import posts=N comments=N seconds=N posts_per_s=N peak_rss_mib=N rss_growth_mib=N ...
Exit status 1 when a check fails or memory grew by more than allowed.
"""

import argparse
import datetime as dt
import json
import os
import random
import re
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

# Run as `python bench/wordpress_import.py`: this folder is on the path.
from common import (
    ROOT,
    BenchError,
    MeasuredProcess,
    app_environment,
    bench_database_name,
    cpu_seconds,
    log,
    memory_kib,
    run_app,
)

SCRIPT = str(Path(__file__).resolve())
# The WordPress site the export comes from; links to it must be rewritten by the import.
OLD_SITE = "https://www.spinecare-notes.example"
OLD_HOST = "www.spinecare-notes.example"
# The peak-RSS growth allowed by default from the smallest size to the largest (bench/README.md
# says why): the importer keeps about 1.4 KiB for each post (its new address and its old ones), so
# 2 KiB for each post more, plus 2 MiB for noise. 9.8 MiB from 1,000 to 5,000 posts.
GROWTH_PER_POST_KIB = 2
GROWTH_NOISE_MIB = 2

# --------------------------------------------------------------------------------------------
# What the export holds. All of it written for this script.
# --------------------------------------------------------------------------------------------
# (id, login, display name, first name, last name)
AUTHORS = [
    (1, "editor", "Site Editor", "Site", "Editor"),
    (2, "hokafor", "Dr. Helen Okafor", "Helen", "Okafor"),
    (3, "tbergstrom", "Tomas Bergström", "Tomas", "Bergström"),
    (4, "amistry", "Anjali Mistry", "Anjali", "Mistry"),
    (5, "rdelacroix", "Rémi Delacroix", "Rémi", "Delacroix"),
]
# (term id, slug, name, parent slug, description): three top-level categories and seven below them.
CATEGORIES = [
    (2, "back-pain", "Back Pain", "", "Pain anywhere from the shoulder blades to the hips."),
    (3, "lower-back", "Lower Back", "back-pain", "Discs, muscles and the strain of everyday life."),
    (4, "sciatica", "Sciatica", "back-pain", "Nerve pain that runs from the back into the leg."),
    (5, "upper-back", "Upper Back", "back-pain", ""),
    (6, "neck-and-shoulders", "Neck and Shoulders", "", "Stiffness and pain above the shoulder blades."),
    (7, "neck", "Neck", "neck-and-shoulders", ""),
    (8, "shoulders", "Shoulders", "neck-and-shoulders", "Rotator cuff, shoulder blades and posture."),
    (9, "daily-life", "Daily Life", "", "Small routines that look after the spine."),
    (10, "exercise", "Exercise", "daily-life", "Strength, stretching and getting moving again."),
    (11, "sleep-and-rest", "Sleep and Rest", "daily-life", ""),
]
TAGS = [
    "core strength", "desk work", "driving", "gardening", "heat therapy", "lifting", "mattresses",
    "mobility", "office chairs", "pain relief", "physiotherapy", "posture", "pregnancy", "running",
    "stretching", "swimming", "walking", "yoga", "workplace", "recovery",
]  # fmt: skip
# Each topic's category slug, then the topic in lower case as it reads inside a sentence.
TOPICS = [
    ("lower-back", "lower back pain"), ("sciatica", "sciatica"), ("neck", "neck stiffness"),
    ("shoulders", "shoulder tension"), ("upper-back", "posture at the desk"), ("lower-back", "safe lifting"),
    ("sleep-and-rest", "sleeping positions"), ("exercise", "core strength"), ("exercise", "walking"),
    ("exercise", "gentle stretching"), ("upper-back", "standing desks"), ("lower-back", "long drives"),
    ("daily-life", "gardening"), ("daily-life", "carrying children"), ("exercise", "running"),
    ("exercise", "swimming"), ("back-pain", "heat and ice"), ("back-pain", "pain relief"),
    ("back-pain", "physiotherapy"), ("sciatica", "disc problems"), ("exercise", "hip mobility"),
    ("upper-back", "upper back tightness"), ("sleep-and-rest", "choosing a mattress"),
    ("lower-back", "back pain in pregnancy"), ("upper-back", "office chairs"),
]  # fmt: skip
AUDIENCES = [
    "desk workers", "new parents", "runners", "gardeners", "drivers", "students", "nurses", "builders",
    "older adults", "teenagers", "musicians", "cyclists", "teachers", "warehouse staff",
    "remote workers", "swimmers", "carers", "chefs", "hairdressers", "retirees",
]  # fmt: skip
TITLES = [
    "{T} for {a}: where to start",
    "{T} and {a}: the questions we hear most",
    "What {a} often get wrong about {t}",
    "A gentle plan for {t}, written for {a}",
    "{T} in everyday life: notes for {a}",
    "Ten minutes a day for {t}: a routine for {a}",
    "Myths about {t} that {a} can set aside",
    "When {t} needs a doctor: a guide for {a}",
]
SENTENCES = [
    "Most people who struggle with {t} find that small, regular changes help more than one big effort.",
    "For {a}, the hardest part is usually finding a few minutes in a day that already feels full.",
    "Pain is a signal worth listening to, but it is not always a sign that something is damaged.",
    "Muscles that are asked to hold one position for hours tire quickly and start to complain.",
    "A short walk, even around the room, gives the spine a change of load and the mind a break.",
    "Many of our readers tell us that {t} improved once they stopped waiting for the perfect moment.",
    "There is no single correct posture; the best position is usually the next one you move into.",
    "If something makes the pain sharper and it stays that way, stop and try a gentler version.",
    "Sleep, stress and general fitness all change how strongly we feel an ache in the back.",
    "Keeping a simple diary for two weeks often shows patterns that are easy to miss day to day.",
    "Strength around the hips and trunk spreads the work of everyday tasks over more muscles.",
    "Warm muscles stretch more comfortably, so a few minutes of movement first makes a difference.",
    "It is common for {a} to notice stiffness first thing in the morning and again late in the day.",
    "Nobody needs special equipment to begin: a chair, a wall and a patch of floor are enough.",
    "Progress is rarely a straight line, and a bad day does not undo weeks of steady work.",
    "A physiotherapist can check how you move and suggest changes that suit your own body.",
    "Breathing slowly while you stretch helps the muscles let go instead of bracing against it.",
    "Changing how you carry a bag or a child can take a surprising amount of strain off the back.",
    "The aim is not to avoid every twinge but to stay active while the body settles.",
    "Simple pain relief can make it easier to keep moving, which is what helps recovery most.",
    "Think of {t} as something to manage over months, not a problem to fix in an afternoon.",
    "Setting a reminder on your phone is a small trick that works for a lot of {a}.",
    "Shoes, chairs and mattresses matter, but habits matter more than any single purchase.",
    "Most flare-ups calm down within a few weeks, especially when people keep gently active.",
    "Ask for help with heavy or awkward loads rather than testing your back on a bad day.",
    "Regular movement keeps the discs and joints nourished, which is why rest alone rarely helps.",
    "What works for one person may not suit another, so treat every suggestion as an experiment.",
    "Our readers who are {a} often share tips that fit their working day better than ours do.",
]
LIST_ITEMS = [
    "<strong>Move often:</strong> change position at least every thirty minutes.",
    "<strong>Warm up:</strong> march on the spot or roll your shoulders before you stretch.",
    "<strong>Breathe out</strong> as you lift, and keep the load close to your body.",
    "<strong>Set a limit:</strong> stop a stretch at mild tension, never at pain.",
    "Keep your feet flat on the floor and your knees about level with your hips.",
    "Bend at the hips and knees instead of rounding your back to reach the floor.",
    "Swap sides when you carry a bag, or use a backpack with both straps.",
    "Build up walks by a few minutes a week rather than all at once.",
    "Rest your screen at eye height so your head is not tipped forward for hours.",
    "Try a pillow between the knees if you sleep on your side.",
    "Write down what you did on good days as well as bad ones.",
    "See a doctor quickly about numbness, weakness or problems with the bladder or bowel.",
]
HEADINGS = [
    "Why {t} matters for {a}",
    "What the research suggests",
    "A simple routine to try this week",
    "When to ask for help",
    "Small changes that add up",
]
CAPTIONS = [
    "A neutral position: ears over shoulders, shoulders over hips.",
    "Bending at the hips keeps the load off the lower back.",
    "Five minutes of stretching is enough to start with.",
    "A supportive chair with the lower back filled in.",
]
FIRST_NAMES = [
    "Amara", "Ben", "Chiara", "Dmitri", "Elin", "Farid", "Grace", "Hiroshi", "Ines", "Jonas", "Kalani",
    "Lucía", "Marek", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sami", "Thea", "Umar", "Vera",
]  # fmt: skip
LAST_NAMES = [
    "Adeyemi", "Brennan", "Castillo", "Dvořák", "Eriksen", "Fontaine", "Garcia", "Haddad", "Ivanova",
    "Jensen", "Kowalski", "Lindqvist", "Moreau", "Nakamura", "O'Neill", "Petrov", "Quinn", "Rossi",
]  # fmt: skip
COMMENT_SENTENCES = [
    "This was really helpful, thank you.",
    "I tried the routine for a week and my back feels looser in the mornings.",
    "Does this also apply if the pain goes down into one leg?",
    "My physiotherapist said almost exactly the same thing last month.",
    "I never realised how long I sit without moving until I set a timer.",
    "Could you write something about this for people who work night shifts?",
    "The tip about carrying bags on both sides made a difference for me.",
    "How long should it take before I notice an improvement?",
    "I found the stretches easier after a warm shower.",
    "Sharing this with my colleagues, we all sit far too much.",
    "Is it normal for it to feel worse for a day or two at first?",
    "Walking after lunch has become my favourite part of the day.",
]
REPLIES = [
    "Thank you for the kind words, and good luck with the routine.",
    "That is a good question. If the pain spreads into the leg, have it checked by your doctor first.",
    "A day or two of extra stiffness is common when you start; sharp pain is a reason to stop.",
    "Most people notice a change within two to four weeks of doing it regularly.",
]
CATEGORY_NAMES = {slug: name for _, slug, name, _, _ in CATEGORIES}
IPV4_PREFIXES = ["192.0.2.", "198.51.100.", "203.0.113."]  # documentation ranges (RFC 5737)
FIRST_POST_AT = dt.datetime(2012, 1, 9, 8, 0, tzinfo=dt.UTC)
LAST_POST_AT = dt.datetime(2025, 6, 30, 8, 0, tzinfo=dt.UTC)
# The scheduled post: two months ahead, whenever the script runs.
SCHEDULED_AT = dt.datetime.combine(dt.date.today() + dt.timedelta(days=60), dt.time(9, 0), tzinfo=dt.UTC)

# --------------------------------------------------------------------------------------------
# Writing the export
# --------------------------------------------------------------------------------------------


@dataclass
class Expected:
    """What importing the written file must give, counted while writing it."""

    posts: int = 0  # importable: published, scheduled and drafts
    published: int = 0  # of which published or scheduled
    approved: int = 0
    pending: int = 0
    trashed: int = 0
    on_private_post: int = 0  # comments, skipped with the post
    redirects: int = 0  # old addresses of the imported posts
    bytes: int = 0
    last_comment_id: int = 0

    @property
    def comments(self) -> int:
        return self.approved + self.pending


def slugify(text: str) -> str:
    """WordPress's sanitize_title() for our plain titles: ASCII letters and digits, hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def cdata(text: str) -> str:
    # As WordPress's wxr_cdata(): a "]]>" inside would end the section early.
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def wp_date(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S") if moment else "0000-00-00 00:00:00"


@dataclass
class Post:
    number: int
    id: int
    title: str
    slug: str
    topic: str
    audience: str
    category: str
    published_at: dt.datetime
    status: str

    @property
    def permalink(self) -> str:
        if self.status in {"draft", "future"}:
            return f"{OLD_SITE}/?p={self.id}"  # WordPress gives them a pretty address once published
        # Permalinks /%year%/%monthnum%/%postname%/, a common WordPress setting.
        return f"{OLD_SITE}/{self.published_at:%Y/%m}/{self.slug}/"


def post_at(number: int, posts: int) -> Post:
    """The number-th post of an export of `posts`: everything but its text, from its number alone,
    so a post can link to another one without a list of them in memory. The last one is private,
    the one before it scheduled, and one in 250 is a draft."""
    category, topic = TOPICS[number % len(TOPICS)]
    form = TITLES[(number // len(TOPICS)) % len(TITLES)]
    audience = AUDIENCES[(number // (len(TOPICS) * len(TITLES))) % len(AUDIENCES)]
    title = form.format(T=topic[0].upper() + topic[1:], t=topic, a=audience)
    series = number // (len(TOPICS) * len(TITLES) * len(AUDIENCES))
    if series:
        title += f" (part {series + 1})"
    span = (LAST_POST_AT - FIRST_POST_AT) / posts
    moment = (FIRST_POST_AT + span * number + dt.timedelta(minutes=number % 7 * 11)).replace(microsecond=0)
    status = "publish"
    if number == posts:
        status, title = "private", "Editorial Planning Notes"
    elif number == posts - 1:
        status, moment = "future", SCHEDULED_AT
    elif number % 250 == 125:
        status = "draft"
    return Post(number, 100 + 2 * number, title, slugify(title), topic, audience, category, moment, status)


def paragraph(rng: random.Random, count: int, topic: str, audience: str) -> str:
    return " ".join(s.format(t=topic, a=audience) for s in rng.sample(SENTENCES, count))


def post_body(post: Post, posts: int, rng: random.Random) -> str:
    """A classic-editor post as WordPress stores it: no <p>, paragraphs split by blank lines."""
    other = post_at((post.number * 7 + 3) % posts, posts)
    # An image WordPress has, whose attachment item the export leaves out.
    attachment_id = post.id + 1
    heading = rng.choice(HEADINGS).format(t=post.topic, a=post.audience)
    items = "\n".join(f"\t<li>{item}</li>" for item in rng.sample(LIST_ITEMS, 4))
    image = f"{OLD_SITE}/wp-content/uploads/{post.published_at:%Y/%m}/{post.slug[:40]}.jpg"
    return "\n\n".join([
        paragraph(rng, 5, post.topic, post.audience),
        paragraph(rng, 4, post.topic, post.audience),
        f"<h2>{heading[0].upper()}{heading[1:]}</h2>",
        paragraph(rng, 2, post.topic, post.audience),
        f"<ul>\n{items}\n</ul>",
        f'Our article <a href="{other.permalink}">{other.title}</a> goes into more detail, and the '
        f'<a href="https://guidance.example.org/{slugify(post.topic)}/">public guidance on {post.topic}</a> '
        "explains what doctors look for.",
        f'[caption id="attachment_{attachment_id}" align="aligncenter" width="800"]<img class="size-large '
        f'wp-image-{attachment_id}" src="{image}" alt="An illustration of {post.topic}" width="800" '
        f'height="500" /> {rng.choice(CAPTIONS)}[/caption]',
        paragraph(rng, 3, post.topic, post.audience) + "\nIf in doubt, ask your doctor.",
    ])  # fmt: skip


def write_comments(out, post: Post, count: int, rng: random.Random, expected: Expected) -> None:
    """`count` comments, every other one a reply (the first reply by the post's author); with enough
    of them, the last but one is pending and the last one in the trash."""
    first_id = expected.last_comment_id + 1
    expected.last_comment_id += count
    moment = post.published_at
    for index in range(count):
        moment += dt.timedelta(hours=rng.randint(1, 60), minutes=rng.randint(0, 59))
        if index == 1:
            user_id, login, name = AUTHORS[post.number % len(AUTHORS)][:3]
            email, url, text = f"{login}@{OLD_HOST}", OLD_SITE, rng.choice(REPLIES)
        else:
            first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
            user_id, name = 0, f"{first} {last}"
            email = f"{slugify(first)}.{slugify(last)}{rng.randint(1, 99)}@mail.example.net"
            url = f"https://{slugify(last)}-writes.example.com/" if rng.random() < 0.2 else ""
            text = " ".join(rng.sample(COMMENT_SENTENCES, rng.randint(1, 3)))
        if count >= 3 and index == count - 1:
            approved = "trash"
        elif count >= 4 and index == count - 2:
            approved = "0"
        else:
            approved = "1"
        if post.status == "private":
            expected.on_private_post += 1
        else:
            expected.approved += approved == "1"
            expected.pending += approved == "0"
            expected.trashed += approved == "trash"
        ip = rng.choice(IPV4_PREFIXES) + str(rng.randint(1, 254))
        out.write(f"""
\t\t<wp:comment>
\t\t\t<wp:comment_id>{first_id + index}</wp:comment_id>
\t\t\t<wp:comment_author>{cdata(name)}</wp:comment_author>
\t\t\t<wp:comment_author_email>{cdata(email)}</wp:comment_author_email>
\t\t\t<wp:comment_author_url>{escape(url)}</wp:comment_author_url>
\t\t\t<wp:comment_author_IP>{cdata(ip)}</wp:comment_author_IP>
\t\t\t<wp:comment_date>{cdata(wp_date(moment))}</wp:comment_date>
\t\t\t<wp:comment_date_gmt>{cdata(wp_date(moment))}</wp:comment_date_gmt>
\t\t\t<wp:comment_content>{cdata(text)}</wp:comment_content>
\t\t\t<wp:comment_approved>{cdata(approved)}</wp:comment_approved>
\t\t\t<wp:comment_type>{cdata("comment")}</wp:comment_type>
\t\t\t<wp:comment_parent>{first_id + index - 1 if index % 2 else 0}</wp:comment_parent>
\t\t\t<wp:comment_user_id>{user_id}</wp:comment_user_id>
\t\t</wp:comment>""")  # fmt: skip


def write_item(out, post: Post, posts: int, comments: int, expected: Expected) -> None:
    rng = random.Random(post.number)  # noqa: S311 - the same text on every run, not a secret
    draft = post.status == "draft"
    login = AUTHORS[post.number % len(AUTHORS)][1]
    excerpt = paragraph(rng, 2, post.topic, "our readers") if post.number % 3 == 0 else ""
    old_slug = (
        f"{post.slug}-{post.published_at:%Y}" if post.number % 12 == 5 and post.status == "publish" else ""
    )
    categories = [post.category] + (["daily-life"] if post.number % 9 == 4 else [])  # two: one is kept
    terms = "".join(
        f'\n\t\t<category domain="category" nicename="{slug}">{cdata(CATEGORY_NAMES[slug])}</category>'
        for slug in categories
    ) + "".join(
        f'\n\t\t<category domain="post_tag" nicename="{slugify(tag)}">{cdata(tag)}</category>'
        for tag in rng.sample(TAGS, 3)
    )  # fmt: skip
    meta = [("_edit_last", str(post.number % len(AUTHORS) + 1))] + (
        [("_wp_old_slug", old_slug)] if old_slug else []
    )
    postmeta = "".join(
        f"\n\t\t<wp:postmeta>\n\t\t<wp:meta_key>{cdata(key)}</wp:meta_key>\n"
        f"\t\t<wp:meta_value>{cdata(value)}</wp:meta_value>\n\t\t</wp:postmeta>"
        for key, value in meta
    )
    date_gmt = None if draft else post.published_at
    out.write(f"""
\t<item>
\t\t<title>{cdata(post.title)}</title>
\t\t<link>{escape(post.permalink)}</link>
\t\t<pubDate>{"" if draft else format_datetime(post.published_at)}</pubDate>
\t\t<dc:creator>{cdata(login)}</dc:creator>
\t\t<guid isPermaLink="false">{escape(f"{OLD_SITE}/?p={post.id}")}</guid>
\t\t<description></description>
\t\t<content:encoded>{cdata(post_body(post, posts, rng))}</content:encoded>
\t\t<excerpt:encoded>{cdata(excerpt)}</excerpt:encoded>
\t\t<wp:post_id>{post.id}</wp:post_id>
\t\t<wp:post_date>{cdata(wp_date(post.published_at))}</wp:post_date>
\t\t<wp:post_date_gmt>{cdata(wp_date(date_gmt))}</wp:post_date_gmt>
\t\t<wp:post_modified>{cdata(wp_date(post.published_at))}</wp:post_modified>
\t\t<wp:post_modified_gmt>{cdata(wp_date(date_gmt))}</wp:post_modified_gmt>
\t\t<wp:comment_status>{cdata("closed" if post.status == "private" else "open")}</wp:comment_status>
\t\t<wp:ping_status>{cdata("open")}</wp:ping_status>
\t\t<wp:post_name>{cdata("" if draft else post.slug)}</wp:post_name>
\t\t<wp:status>{cdata(post.status)}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t<wp:post_type>{cdata("post")}</wp:post_type>
\t\t<wp:post_password>{cdata("")}</wp:post_password>
\t\t<wp:is_sticky>{int(post.number == 1)}</wp:is_sticky>{terms}{postmeta}""")  # fmt: skip
    write_comments(out, post, 0 if draft else comments, rng, expected)
    out.write("\n\t</item>")
    if post.status == "private":
        return
    expected.posts += 1
    expected.published += not draft
    # The addresses WordPress answered at, each one a redirect: the permalink, /<slug>/, /?p=<id>,
    # and an old slug under both forms. Drafts had only /?p=<id>, the scheduled post no permalink.
    expected.redirects += 1 + (post.status == "publish") + (not draft) + 2 * bool(old_slug)


def write_export(path: Path, posts: int, comments_per_post: int) -> Expected:
    """Write a WXR 1.2 file of `posts` importable posts plus a private one to `path`, item by item."""
    expected = Expected()
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    with open(path, "w", encoding="utf-8", newline="\n") as out:
        out.write(f"""<?xml version="1.0" encoding="UTF-8" ?>
<!-- This is a WordPress eXtended RSS file generated by WordPress as an export of your site. -->
<!-- generator="WordPress/6.8.1" created="{now:%Y-%m-%d %H:%M}" -->
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>

<channel>
\t<title>Spinecare Notes</title>
\t<link>{OLD_SITE}</link>
\t<description>Everyday advice for backs and necks</description>
\t<pubDate>{format_datetime(now)}</pubDate>
\t<language>en-GB</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>{OLD_SITE}</wp:base_site_url>
\t<wp:base_blog_url>{OLD_SITE}</wp:base_blog_url>
""")  # fmt: skip
        for author_id, login, display, first, last in AUTHORS:
            out.write(
                f"\n\t<wp:author><wp:author_id>{author_id}</wp:author_id>"
                f"<wp:author_login>{cdata(login)}</wp:author_login>"
                f"<wp:author_email>{cdata(f'{login}@{OLD_HOST}')}</wp:author_email>"
                f"<wp:author_display_name>{cdata(display)}</wp:author_display_name>"
                f"<wp:author_first_name>{cdata(first)}</wp:author_first_name>"
                f"<wp:author_last_name>{cdata(last)}</wp:author_last_name></wp:author>"
            )
        for term_id, slug, name, parent, description in CATEGORIES:
            out.write(
                f"\n\t<wp:category>\n\t\t<wp:term_id>{term_id}</wp:term_id>\n"
                f"\t\t<wp:category_nicename>{cdata(slug)}</wp:category_nicename>\n"
                f"\t\t<wp:category_parent>{cdata(parent)}</wp:category_parent>\n"
                f"\t\t<wp:cat_name>{cdata(name)}</wp:cat_name>"
                + (f"\n\t\t<wp:category_description>{cdata(description)}</wp:category_description>" if description else "")
                + "\n\t</wp:category>"
            )  # fmt: skip
        for offset, tag in enumerate(TAGS):
            out.write(
                f"\n\t<wp:tag>\n\t\t<wp:term_id>{20 + offset}</wp:term_id>\n"
                f"\t\t<wp:tag_slug>{cdata(slugify(tag))}</wp:tag_slug>\n"
                f"\t\t<wp:tag_name>{cdata(tag)}</wp:tag_name>\n\t</wp:tag>"
            )
        out.write("\n\n\t<generator>https://wordpress.org/?v=6.8.1</generator>\n")
        for number in range(posts + 1):
            post = post_at(number, posts)
            # Between none and twice the average, depending on the post.
            comments = 2 if post.status == "private" else round(comments_per_post * (number % 5) / 2)
            write_item(out, post, posts, comments, expected)
        out.write("\n</channel>\n</rss>\n")
    expected.bytes = path.stat().st_size
    return expected


# --------------------------------------------------------------------------------------------
# Run inside the app (a subprocess of this script): what the database holds after the import
# --------------------------------------------------------------------------------------------
def database_counts() -> dict:
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db.models import Count

    from articles.models import Article, Redirect
    from comments.models import Comment

    return {
        "articles": dict(Article.objects.values_list("status").annotate(Count("pk")).order_by()),
        "comments": dict(Comment.objects.values_list("status").annotate(Count("pk")).order_by()),
        "redirects": Redirect.objects.count(),
        # Links between posts must lead to their new addresses, and images missing from the export
        # must be left out: nothing may still point at the old site.
        "old_site_links": Article.objects.filter(body__contains=OLD_HOST).count(),
    }


# --------------------------------------------------------------------------------------------
# The benchmark
# --------------------------------------------------------------------------------------------
class ImportRun(MeasuredProcess):
    """One `manage.py import_wordpress` run; its progress lines go to a file of their own."""

    def __init__(self, export: Path, env: dict, output: Path):
        self.stdout_path, self.stderr_path = output.with_suffix(".out"), output.with_suffix(".err")
        super().__init__(["import_wordpress", str(export)], env, self.stdout_path, self.stderr_path)

    def last_progress(self) -> str:
        """The command's latest progress line ("Importing: 40% (…)"), from its stderr so far."""
        with open(self.stderr_path, "rb") as stderr:
            stderr.seek(max(0, stderr.seek(0, os.SEEK_END) - 200))
            lines = stderr.read().decode(errors="replace").strip().splitlines()
        return lines[-1] if lines else "starting"


def run_import(export: Path, env: dict, output: Path, timeout: float, what: str) -> dict:
    command = ImportRun(export, env, output)
    hwm = 0
    last_log = time.monotonic()
    try:
        while not command.poll():
            memory = memory_kib(command.process.pid)
            if memory is not None:
                hwm = max(hwm, memory[1])
            now = time.monotonic()
            if now - command.started > timeout:
                raise BenchError(f"{what} was still running after {timeout:.0f} s")
            if now - last_log >= 10:
                rss = memory[0] / 1024 if memory else 0
                log(f"  {what}: {command.last_progress()}, RSS {rss:.1f} MiB")
                last_log = now
            time.sleep(0.1)
    finally:
        command.stop()
    if command.process.returncode != 0:
        tail = command.stderr_path.read_text()[-3000:]
        raise BenchError(f"{what} exited with status {command.process.returncode}:\n{tail}")
    return {
        "seconds": command.seconds,
        "cpu_seconds": cpu_seconds(command.usage),
        # ru_maxrss (KiB on Linux) covers the whole life of the process but the kernel computes it
        # from per-CPU counters that may lag by a few hundred KiB; the sampled VmHWM is exact but
        # misses the last tenth of a second. The larger of the two.
        "peak_rss_mib": max(command.usage.ru_maxrss, hwm) / 1024,
        "report": parse_report(command.stdout_path.read_text()),
    }


REPORT_LINE = re.compile(
    r"^  (?P<kind>[a-z][a-z ]*): (?P<created>\d+) created, (?P<updated>\d+) updated, "
    r"(?P<unchanged>\d+) unchanged, (?P<skipped>\d+) skipped",
    re.MULTILINE,
)


def parse_report(text: str) -> dict[str, dict[str, int]]:
    """{"posts": {"created": 18, "updated": 0, "unchanged": 0, "skipped": 2}, …} from its stdout."""
    return {
        match["kind"]: {
            outcome: int(match[outcome]) for outcome in ("created", "updated", "unchanged", "skipped")
        }
        for match in REPORT_LINE.finditer(text)
    }


def counted(report: dict, kind: str) -> dict[str, int]:
    return report.get(kind, dict.fromkeys(("created", "updated", "unchanged", "skipped"), 0))


def nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {key: number for key, number in counts.items() if number}


def check_first_import(report: dict, database: dict, expected: Expected) -> list[str]:
    problems = []
    wanted = {
        "posts": {"created": expected.posts, "updated": 0, "unchanged": 0, "skipped": 1},
        "comments": {
            "created": expected.comments,
            "updated": 0,
            "unchanged": 0,
            "skipped": expected.trashed + expected.on_private_post,
        },
        "redirects": {"created": expected.redirects, "updated": 0, "unchanged": 0, "skipped": 0},
    }
    for kind, counts in wanted.items():
        if counted(report, kind) != counts:
            problems.append(f"the report says {kind}: {counted(report, kind)}, expected {counts}")
    # Each one is made when a post first needs it: with very few posts, some are skipped as unused.
    for kind, total in (("categories", len(CATEGORIES)), ("authors", len(AUTHORS))):
        counts = counted(report, kind)
        if counts["created"] + counts["skipped"] != total or counts["updated"] or counts["unchanged"]:
            problems.append(f"the report says {kind}: {counts}, expected {total} created or skipped")
    # Statuses with no rows are absent from the database's counts.
    articles = nonzero({"published": expected.published, "draft": expected.posts - expected.published})
    if database["articles"] != articles:
        problems.append(f"articles in the database by status: {database['articles']}, expected {articles}")
    comments = nonzero({"approved": expected.approved, "pending": expected.pending})
    if database["comments"] != comments:
        problems.append(f"comments in the database by status: {database['comments']}, expected {comments}")
    if database["redirects"] != expected.redirects:
        problems.append(f"{database['redirects']} redirects in the database, expected {expected.redirects}")
    if database["old_site_links"]:
        problems.append(f"{database['old_site_links']} articles still link to {OLD_HOST}")
    return problems


def check_reimport(report: dict, expected: Expected) -> list[str]:
    problems = [
        f"the second import says {kind}: {counts}, expected nothing created or updated"
        for kind, counts in report.items()
        if counts["created"] or counts["updated"]
    ]
    for kind, number in (("posts", expected.posts), ("comments", expected.comments)):
        if counted(report, kind)["unchanged"] != number:
            problems.append(
                f"the second import says {kind}: {counted(report, kind)}, expected {number} unchanged"
            )
    return problems


def fresh_database(options, tmp: Path, posts: int) -> dict:
    """The app's environment with an empty, migrated database."""
    database_url = options.database_url or f"sqlite:///{tmp / f'db-{posts}.sqlite3'}"
    env = app_environment(media_root=str(tmp / "media"), database_url=database_url)
    run_app(
        [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
        env,
        "migrate (with PostgreSQL: does the database exist? createdb -h 127.0.0.1 -U postgres NAME)",
    )
    if options.database_url:
        # Every table of the database emptied: this is why it must be one for benchmarks only.
        run_app([sys.executable, "manage.py", "flush", "--noinput", "-v0"], env, "flush")
    return env


def measure(posts: int, options, tmp: Path) -> dict:
    export = tmp / f"export-{posts}.xml"
    started = time.monotonic()
    expected = write_export(export, posts, options.comments_per_post)
    log(
        f"{posts} posts: wrote {export.name}, {expected.bytes / 2**20:.1f} MiB, {expected.comments} comments "
        f"to import, in {time.monotonic() - started:.1f} s"
    )
    env = fresh_database(options, tmp, posts)
    log(f"{posts} posts: importing into an empty database (timeout {options.timeout:.0f} s)")
    first = run_import(export, env, tmp / f"import-{posts}", options.timeout, "the import")
    log(f"{posts} posts: imported in {first['seconds']:.1f} s; checking the database")
    database = json.loads(
        run_app([sys.executable, SCRIPT, "_counts"], env, "reading the database").splitlines()[-1]
    )
    problems = check_first_import(first["report"], database, expected)
    log(f"{posts} posts: importing the same file again")
    second = run_import(export, env, tmp / f"reimport-{posts}", options.timeout, "the second import")
    problems += check_reimport(second["report"], expected)
    if not options.database_url:
        (tmp / f"db-{posts}.sqlite3").unlink()
    export.unlink()
    return {
        "posts": posts,
        "comments": expected.comments,
        "file_mib": expected.bytes / 2**20,
        "seconds": first["seconds"],
        "posts_per_s": posts / first["seconds"],
        "comments_per_s": expected.comments / first["seconds"],
        "cpu_seconds": first["cpu_seconds"],
        "peak_rss_mib": first["peak_rss_mib"],
        "reimport_seconds": second["seconds"],
        "reimport_peak_rss_mib": second["peak_rss_mib"],
        "problems": problems,
    }


# The table's columns: title, key in measure()'s result, format (right-aligned to the title's width).
COLUMNS = [
    ("posts", "posts", ""),
    ("comments", "comments", ""),
    ("file MiB", "file_mib", ".1f"),
    ("seconds", "seconds", ".1f"),
    ("posts/s", "posts_per_s", ".1f"),
    ("comments/s", "comments_per_s", ".1f"),
    ("CPU s", "cpu_seconds", ".1f"),
    ("peak RSS MiB", "peak_rss_mib", ".1f"),
    ("again s", "reimport_seconds", ".1f"),
    ("again RSS MiB", "reimport_peak_rss_mib", ".1f"),
]


def sizes(value: str) -> list[int]:
    try:
        numbers = sorted({int(part) for part in value.split(",") if part.strip()})
    except ValueError:
        raise argparse.ArgumentTypeError("give whole numbers separated by commas, e.g. 1000,5000") from None
    if len(numbers) < 2 or numbers[0] < 1:
        raise argparse.ArgumentTypeError("give at least two different sizes of at least 1, e.g. 1000,5000")
    return numbers


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description="Import generated WordPress exports of N posts with the real command, twice each.",
    )
    parser.add_argument(
        "--sizes", type=sizes, default=sizes("1000,5000"), help="importable posts (default: 1000,5000)"
    )
    parser.add_argument(
        "--comments-per-post", type=int, default=5, help="comments a post on average (default: 5)"
    )
    parser.add_argument(
        "--max-growth-mib",
        type=float,
        help=f"largest allowed peak-RSS growth from the smallest size to the largest (default: "
        f"{GROWTH_NOISE_MIB} MiB + {GROWTH_PER_POST_KIB} KiB for each post the largest has more)",
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="a PostgreSQL database whose name contains 'bench', emptied with flush (default: temporary SQLite)",
    )
    parser.add_argument(
        "--timeout", type=float, default=1800, help="seconds an import may take (default: 1800)"
    )
    options = parser.parse_args()
    if not 0 <= options.comments_per_post <= 200:
        parser.error("--comments-per-post must be between 0 and 200")
    return options


def main() -> int:
    options = parse_arguments()
    tmp = Path(tempfile.mkdtemp(prefix="healthyback-wordpress-bench."))
    try:
        if options.database_url:
            name = bench_database_name(options.database_url, example="bench_wordpress")
            database_desc = f"postgresql database {name} (emptied with flush before each size)"
        else:
            database_desc = "sqlite (a new temporary file for each size)"
        log(f"database: {database_desc}")
        results = [measure(posts, options, tmp) for posts in options.sizes]
    except BenchError as error:
        log(f"ERROR: {error}")
        return 1
    except KeyboardInterrupt:
        log("interrupted")
        return 130
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    small, big = results[0], results[-1]
    growth = big["peak_rss_mib"] - small["peak_rss_mib"]
    allowed = options.max_growth_mib
    if allowed is None:
        allowed = GROWTH_NOISE_MIB + GROWTH_PER_POST_KIB * (big["posts"] - small["posts"]) / 1024
    print(
        f"== healthyback WordPress import: manage.py import_wordpress on a generated WXR 1.2 export, "
        f"then again on the same database; {options.comments_per_post} comments a post on average"
    )
    print(
        f"   {os.cpu_count()} cores, {os.uname().release}, Python {sys.version.split()[0]}, "
        f"database: {database_desc}"
    )
    print("  ".join(title for title, _, _ in COLUMNS) + "  checks")
    for row in results:
        cells = [f"{row[key]:>{len(title)}{spec}}" for title, key, spec in COLUMNS]
        print("  ".join(cells) + ("  ok" if not row["problems"] else "  FAILED"))
    failed = False
    for row in results:
        for problem in row["problems"]:
            print(f"FAILED ({row['posts']} posts): {problem}")
            failed = True
    print(
        f"peak RSS grew by {growth:+.1f} MiB from {small['posts']} to {big['posts']} posts "
        f"(allowed: {allowed:.1f} MiB)"
    )
    if growth > allowed:
        print("FAILED: the importer's memory grows with the size of the export")
        failed = True
    print(
        f"wordpress_import posts={big['posts']} comments={big['comments']} seconds={big['seconds']:.1f} "
        f"posts_per_s={big['posts_per_s']:.1f} peak_rss_mib={big['peak_rss_mib']:.1f} rss_growth_mib={growth:.1f} "
        f"small_posts={small['posts']} small_peak_rss_mib={small['peak_rss_mib']:.1f} "
        f"reimport_seconds={big['reimport_seconds']:.1f} "
        f"database={'postgresql' if options.database_url else 'sqlite'} ok={0 if failed else 1}"
    )
    return 1 if failed else 0


def terminate(signum, frame):
    raise SystemExit(128 + signum)  # unwinds through main's clean-up: the import, the temporary folder


if __name__ == "__main__":
    if sys.argv[1:] == ["_counts"]:
        print(json.dumps(database_counts()))
    else:
        signal.signal(signal.SIGTERM, terminate)
        sys.exit(main())
