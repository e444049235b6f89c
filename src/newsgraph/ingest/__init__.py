"""Getting articles in: files, pages, feeds, archives, standard input."""
