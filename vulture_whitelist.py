"""Names vulture (``make lint``) would report as unused: each is used by something it cannot
see (Pelican, the theme's templates, a library), said next to it. Code only the tests use
counts as used. Add a name here only with its reason; remove dead code instead."""

# ruff: noqa
from campaign_feeds.generator import FeedsGenerator
from campaign_gallery.gallery import PhotoView
from campaign_gallery.markup import Picture
from campaign_gallery.generator import GalleryGenerator
from campaign_publish.generator import PublishGenerator
from campaign_site.generator import CampaignGenerator
from campaign_site.layouts import Item
from campaign_site.pages import Paginator

# Pelican calls its generators' methods; Jinja's environment option
CampaignGenerator.generate_context
CampaignGenerator.generate_output
GalleryGenerator.generate_context
FeedsGenerator.generate_context
FeedsGenerator.generate_output
PublishGenerator.generate_context
PublishGenerator.generate_output
_.autoescape

# read by the theme's templates
Picture.src
Paginator.prev_url
Paginator.next_url
PhotoView.prev_url
PhotoView.next_url
PhotoView.text_lang
Item.tip_label

# attributes libraries read: Pelican's (the closing line's counts), Babel's catalogs,
# Pillow's image, the standard library's HTTP server, fontTools' subsetter options
_.articles
_.draft_pages
_.mime_headers
_.creation_date
_.revision_date
_.header_comment
_._size
_.log_message
_.daemon_threads
_.layout_features
_.hinting
_.notdef_outline
_.name_IDs
_.name_languages
_.drop_tables
_.bytecode_cache  # jinja2.Environment reads it when it loads a template
_.get_cache_key  # jinja2.BytecodeCache, called by Jinja
_.dump_bytecode
_.load_bytecode
_._compile  # test_template_cache: compiling again fails the test
