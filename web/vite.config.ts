// Builds the web UI into dist/: hashed assets under dist/assets/ (served with a year's caching by
// src/http/web_routes.cc), the pages revalidated on each visit. The viewer (OpenSeadragon) and
// the curator's screens are separate chunks loaded when first needed. mirador.html, the page that
// shows a record in Mirador, is built on its own (`vite build --mode mirador`, into the same
// dist/): one build of both pages would move the modules they share (the message catalogs, the
// API) out of the search page's entry into a common chunk, and Mirador and React stay out of the
// app's chunks either way (docs/adr/0012-mirador.md).
import { defineConfig } from 'vite';

export default defineConfig(({ mode }) => ({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  server: { fs: { allow: ['..'] }, proxy: { '/api': 'http://127.0.0.1:8080', '/iiif': 'http://127.0.0.1:8080' } },
  build: {
    outDir: 'dist',
    emptyOutDir: mode !== 'mirador',
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 2048,
    // Mirador's own bundle (React, Material UI, OpenSeadragon 5) is about 2 MB minified.
    chunkSizeWarningLimit: mode === 'mirador' ? 2500 : 400,
    rolldownOptions: { input: mode === 'mirador' ? 'mirador.html' : 'index.html' },
  },
}));
