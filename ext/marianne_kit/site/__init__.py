"""Theme and page fixes that hold for every page of the site."""
