"""Publishing the site: base URL, sitemap, 404 page, robots.txt, valid HTML, site search."""
