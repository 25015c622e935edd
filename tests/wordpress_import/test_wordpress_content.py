"""WordPress markup turned into ours, and the importer's rules on exports WordPress could write but
the fixture does not hold (deeper categories, plugins' shortcodes, replies to trashed comments)."""

import datetime as dt

import pytest

from articles.models import Article, Category
from comments.models import Comment
from wordpress_import.content import (
    captions_to_figures,
    drop_empty_elements,
    html_to_text,
    unknown_shortcodes,
    unsafe_markup,
    wpautop,
)
from wordpress_import.importer import import_wxr

# wpautop: the expected strings are what WordPress 6.1's wpautop() returns for the same input.


def test_wpautop_makes_paragraphs_and_line_breaks():
    assert wpautop("One line\nnext line\n\nSecond paragraph") == (
        "<p>One line<br />\nnext line</p>\n<p>Second paragraph</p>\n"
    )


def test_wpautop_leaves_block_elements_unwrapped():
    text = "Intro\n<h2>Heading</h2>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\nAfter"
    assert (
        wpautop(text) == "<p>Intro</p>\n<h2>Heading</h2>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n<p>After</p>\n"
    )


def test_wpautop_puts_paragraphs_inside_blockquotes_and_keeps_line_breaks_in_tags():
    assert wpautop("<blockquote>Quoted\n\nMore</blockquote>") == (
        "<blockquote><p>Quoted</p>\n<p>More</p></blockquote>\n"
    )
    assert wpautop('<a\nhref="/x">link</a> text') == '<p><a\nhref="/x">link</a> text</p>\n'


def test_wpautop_of_nothing_is_nothing():
    assert wpautop("  \n ") == ""


def test_a_caption_shortcode_becomes_a_figure():
    shortcode = (
        '[caption id="attachment_7" align="alignright" width="300"]<a href="/big.jpg"><img src="/a.jpg" '
        'alt="A" /></a> The caption[/caption]'
    )
    assert captions_to_figures(shortcode) == (
        '<figure><a href="/big.jpg"><img src="/a.jpg" alt="A" /></a><figcaption>The caption</figcaption></figure>'
    )
    # Older WordPress kept the caption in an attribute.
    assert captions_to_figures('[caption caption="Old style"]<img src="/a.jpg" />[/caption]') == (
        '<figure><img src="/a.jpg" /><figcaption>Old style</figcaption></figure>'
    )


def test_shortcodes_are_told_from_text_in_brackets():
    text = '[gallery ids="1,2"] a [sic] and [1], [note]x[/note], [contact-form-7 id="3" /] and [[escaped]]'
    assert unknown_shortcodes(text) == ["gallery", "note", "contact-form-7"]


def test_unsafe_markup_is_named():
    html = '<script>x</script><iframe src="https://video"></iframe><a href="javascript:go()" onmouseover="y">'
    assert unsafe_markup(html) == ["<script>", "<iframe>", "onmouseover attribute", "javascript: link"]
    assert unsafe_markup('<div class="wp-block"><p>fine</p></div>') == []


def test_a_comment_in_html_becomes_plain_text():
    html = (
        'Thanks!<br>See <a href="https://example.org/a?b=1&amp;c=2">this</a> &amp; <em>that</em>.<p>Bye</p>'
    )
    assert html_to_text(html) == "Thanks!\nSee this (https://example.org/a?b=1&c=2) & that.\n\nBye"
    assert html_to_text('<a href="javascript:alert(1)">click</a>') == "click"


def test_what_removed_markup_leaves_behind_goes_too():
    html = '<p>Text</p><p></p><figure><figcaption>Lonely caption</figcaption></figure><a href="/x"></a>'
    assert drop_empty_elements(html) == "<p>Text</p>"


# Exports with what the fixture does not have ---------------------------------------------------

HEADER = """<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Small site</title><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old.example</wp:base_site_url>
<wp:author><wp:author_id>1</wp:author_id><wp:author_login>ed</wp:author_login>
<wp:author_display_name>Ed Itor</wp:author_display_name></wp:author>
<wp:category><wp:term_id>1</wp:term_id><wp:category_nicename>spine</wp:category_nicename>
<wp:category_parent></wp:category_parent><wp:cat_name>Spine</wp:cat_name></wp:category>
<wp:category><wp:term_id>2</wp:term_id><wp:category_nicename>lower</wp:category_nicename>
<wp:category_parent>spine</wp:category_parent><wp:cat_name>Lower</wp:cat_name></wp:category>
<wp:category><wp:term_id>3</wp:term_id><wp:category_nicename>discs</wp:category_nicename>
<wp:category_parent>lower</wp:category_parent><wp:cat_name>Discs</wp:cat_name></wp:category>
"""


def comment_xml(comment_id, parent=0, approved="1", text="A comment"):
    return f"""<wp:comment><wp:comment_id>{comment_id}</wp:comment_id><wp:comment_author>Reader {comment_id}
</wp:comment_author><wp:comment_author_email>r{comment_id}@example.org</wp:comment_author_email>
<wp:comment_date_gmt>2026-01-0{min(comment_id, 9)} 10:00:00</wp:comment_date_gmt>
<wp:comment_content>{text}</wp:comment_content><wp:comment_approved>{approved}</wp:comment_approved>
<wp:comment_type>comment</wp:comment_type><wp:comment_parent>{parent}</wp:comment_parent></wp:comment>"""


def post_xml(
    post_id, title, content, *, categories=("discs",), extra="", date_gmt="2026-01-01 09:00:00", date=""
):
    terms = "".join(f'<category domain="category" nicename="{slug}">{slug}</category>' for slug in categories)
    return f"""<item><title>{title}</title><link>https://old.example/{post_id}/</link>
<dc:creator>ed</dc:creator><content:encoded><![CDATA[{content}]]></content:encoded>
<wp:post_id>{post_id}</wp:post_id><wp:post_date_gmt>{date_gmt}</wp:post_date_gmt><wp:post_date>{date}</wp:post_date>
<wp:post_name>post-{post_id}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
{terms}{extra}</item>"""


def export(tmp_path, *items):
    path = tmp_path / "small.xml"
    path.write_text(HEADER + "".join(items) + "</channel></rss>", encoding="utf-8")
    return path


@pytest.mark.django_db
def test_a_third_level_category_goes_under_its_top_level_ancestor(tmp_path):
    report = import_wxr(export(tmp_path, post_xml(10, "Discs", "Text")))

    discs = Category.objects.get(slug="discs")
    assert discs.parent.slug == "spine"
    assert Category.objects.get(slug="lower").parent.slug == "spine"
    assert {"kind": "categories", "title": "Discs",
            "message": "placed under Spine: categories go two levels deep here"} in report.notes  # fmt: skip


@pytest.mark.django_db
def test_a_plugins_shortcodes_are_reported_and_left_for_an_editor(tmp_path):
    report = import_wxr(
        export(tmp_path, post_xml(10, "Forms", 'Before\n\n[contact-form-7 id="3"]\n\n[gallery]'))
    )

    assert {"kind": "posts", "title": "Forms", "message": "shortcodes left as text for an editor to replace: "
            "[contact-form-7], [gallery]"} in report.notes  # fmt: skip
    assert '[contact-form-7 id="3"]' in Article.objects.get().body


@pytest.mark.django_db
def test_the_yoast_primary_category_is_the_one_kept(tmp_path):
    meta = "<wp:postmeta><wp:meta_key>_yoast_wpseo_primary_category</wp:meta_key><wp:meta_value>1</wp:meta_value></wp:postmeta>"
    import_wxr(export(tmp_path, post_xml(10, "Two", "Text", categories=("discs", "spine"), extra=meta)))

    assert Article.objects.get().category.slug == "spine"


@pytest.mark.django_db
def test_replies_keep_their_place_when_a_parent_is_trashed_or_too_deep(tmp_path):
    comments = "".join([
        comment_xml(1), comment_xml(2, parent=1, approved="trash"), comment_xml(3, parent=2),
        comment_xml(4, parent=3), comment_xml(5, parent=4), comment_xml(6, parent=5),
    ])  # fmt: skip
    import_wxr(export(tmp_path, post_xml(10, "Thread", "Text", extra=comments)))

    by_name = {c.name: c for c in Comment.objects.select_related("parent")}
    assert "Reader 2" not in by_name
    assert by_name["Reader 3"].parent.name == "Reader 1"  # its trashed parent's parent
    assert by_name["Reader 4"].parent.name == "Reader 3"
    # Replies nest three deep here (the discussion settings): deeper ones join the deepest level.
    assert by_name["Reader 5"].parent.name == "Reader 3"
    assert by_name["Reader 6"].parent.name == "Reader 3"
    assert max(c.depth for c in by_name.values()) == 3


@pytest.mark.django_db
def test_titles_and_comments_are_text_whatever_they_hold(tmp_path, client):
    title = "&lt;script&gt;alert(1)&lt;/script&gt; Safe"
    comment = comment_xml(1, text="&lt;img src=x onerror=alert(1)&gt;Nice")
    import_wxr(export(tmp_path, post_xml(10, title, "<p>Body</p>", extra=comment)))

    article = Article.objects.get()
    assert article.title == "Safe"  # the markup in WordPress's title is not text of the title
    assert Comment.objects.get().body == "Nice"
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert" not in page
    assert "onerror" not in page


@pytest.mark.django_db
def test_a_date_without_its_gmt_twin_is_read_in_the_site_time_zone(tmp_path, settings):
    settings.TIME_ZONE = "America/New_York"
    import_wxr(
        export(
            tmp_path,
            post_xml(10, "Local", "Text", date_gmt="0000-00-00 00:00:00", date="2026-01-01 09:00:00"),
        )
    )

    assert Article.objects.get().published_at == dt.datetime(2026, 1, 1, 14, 0, tzinfo=dt.UTC)


@pytest.mark.django_db
def test_comment_statuses_map_to_ours(tmp_path):
    comments = "".join([
        comment_xml(1, approved="1"), comment_xml(2, approved="0"), comment_xml(3, approved="spam"),
        comment_xml(4, approved="trash"), comment_xml(5, approved="post-trashed"),
    ])  # fmt: skip
    report = import_wxr(export(tmp_path, post_xml(10, "Statuses", "Text", extra=comments)))

    assert dict(Comment.objects.values_list("name", "status")) == {
        "Reader 1": "approved",
        "Reader 2": "pending",
        "Reader 3": "spam",  # kept for the moderators' record, never shown
    }
    assert report.reasons["comments"] == {"in the WordPress trash": 2}
