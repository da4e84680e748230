"""The portfolio site: the page a rendered folder opens on, every map at a glance, linking to each
journey's map and report beside it. It reads the analysis and words it; it draws no map and
writes no report (render and report do, each on its own)."""
