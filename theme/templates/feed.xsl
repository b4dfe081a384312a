<?xml version="1.0" encoding="UTF-8"?>
{# The human-readable view of this language's RSS and Atom feeds (campaign_feeds renders it
   once per language into <prefix>feeds/feed.xsl). No script and no inline style: the page
   links the site's stylesheet, served from the same origin. Keep every _() on one line. #}
<xsl:stylesheet version="1.0"
  xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:atom="http://www.w3.org/2005/Atom"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  exclude-result-prefixes="atom dc">
<xsl:output method="html" encoding="UTF-8" indent="yes" doctype-system="about:legacy-compat"/>

<xsl:variable name="title" select="/rss/channel/title | /atom:feed/atom:title"/>
<xsl:variable name="description" select="/rss/channel/description | /atom:feed/atom:subtitle"/>
<xsl:variable name="self" select="/rss/channel/atom:link[@rel='self']/@href | /atom:feed/atom:link[@rel='self']/@href"/>
<xsl:variable name="home" select="/rss/channel/link | /atom:feed/atom:link[@rel='alternate']/@href"/>

<xsl:template match="/">
<html lang="{{ lang.code }}" dir="{{ lang.direction }}">
<head>
<meta name="viewport" content="width=device-width, initial-scale=1"/>
<meta name="color-scheme" content="light dark"/>
<title><xsl:value-of select="$title"/> ({{ _("news feed") }})</title>
{% for href in stylesheets %}
<link rel="stylesheet" href="{{ href }}"/>
{% endfor %}
{% if icon %}
<link rel="icon" href="{{ icon }}" type="image/svg+xml"/>
{% endif %}
</head>
<body class="kind-feed">
<a class="skip-link" href="#main">{{ _("Skip to main content") }}</a>
<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="{{ home_url }}" rel="home"><span>{{ site_name }}</span></a>
  </div>
</header>
<main id="main" tabindex="-1">
<div class="wrap">
  <p class="callout"><strong>{{ _("This is a news feed.") }}</strong> {{ _("Feed readers use this page's address to show you new posts from this site. What you see here is only a preview.") }}</p>
  <h1><xsl:value-of select="$title"/></h1>
  <xsl:if test="string($description)">
    <p class="lead"><xsl:value-of select="$description"/></p>
  </xsl:if>

  <h2>{{ _("What is a news feed?") }}</h2>
  <p>{{ _("A news feed lists the newest posts of a website. A feed reader app checks it for you and shows new posts as soon as they are published: no account, no algorithm and no tracking.") }}</p>

  <h2>{{ _("How to subscribe") }}</h2>
  <ol>
    <li>{{ _("Open your feed reader, or install one: there are many free apps for phones and computers.") }}</li>
    <li>{{ _("Copy the address of this feed:") }} <code dir="ltr"><xsl:value-of select="$self"/></code></li>
    <li>{{ _('In your reader, choose "Add feed" or "Subscribe", paste the address and confirm.') }}</li>
  </ol>
  <p>
    {% if follow_url %}<a href="{{ follow_url }}">{{ _("All feeds and more help") }}</a> · {% endif %}
    <a href="{$home}">{{ _("Back to the website") }}</a>
  </p>

  <h2>{{ _("Latest posts") }}</h2>
  <xsl:choose>
    <xsl:when test="/rss/channel/item | /atom:feed/atom:entry">
      <div class="cards">
        <xsl:apply-templates select="/rss/channel/item | /atom:feed/atom:entry"/>
      </div>
    </xsl:when>
    <xsl:otherwise>
      <p class="note">{{ _("Nothing has been published here yet.") }}</p>
    </xsl:otherwise>
  </xsl:choose>
</div>
</main>
</body>
</html>
</xsl:template>

<xsl:template match="item">
  <xsl:variable name="date">
    <xsl:call-template name="rss-date"><xsl:with-param name="value" select="pubDate"/></xsl:call-template>
  </xsl:variable>
  <article class="card">
    <h3 class="card-title"><a href="{link}"><xsl:value-of select="title"/></a></h3>
    <p class="entry-meta">
      <xsl:if test="dc:creator"><span class="storyteller"><xsl:value-of select="dc:creator"/></span></xsl:if>
      <time datetime="{$date}"><xsl:value-of select="$date"/></time>
    </p>
    <p class="card-summary"><xsl:value-of select="description"/></p>
  </article>
</xsl:template>

<xsl:template match="atom:entry">
  <xsl:variable name="date" select="substring(atom:published | atom:updated[not(../atom:published)], 1, 10)"/>
  <article class="card">
    <h3 class="card-title"><a href="{atom:link[not(@rel) or @rel='alternate'][1]/@href}"><xsl:value-of select="atom:title"/></a></h3>
    <p class="entry-meta">
      <xsl:if test="atom:author/atom:name"><span class="storyteller"><xsl:value-of select="atom:author/atom:name"/></span></xsl:if>
      <time datetime="{$date}"><xsl:value-of select="$date"/></time>
    </p>
    <p class="card-summary"><xsl:value-of select="atom:summary"/></p>
  </article>
</xsl:template>

<!-- "Sun, 18 Jan 2026 16:30:00 +0100" (RFC 822) as "2026-01-18" -->
<xsl:template name="rss-date">
  <xsl:param name="value"/>
  <xsl:variable name="month" select="(string-length(substring-before('JanFebMarAprMayJunJulAugSepOctNovDec', substring($value, 9, 3))) div 3) + 1"/>
  <xsl:value-of select="concat(substring($value, 13, 4), '-', format-number($month, '00'), '-', substring($value, 6, 2))"/>
</xsl:template>
</xsl:stylesheet>
