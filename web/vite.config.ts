// Builds the web UI into dist/: hashed assets under dist/assets/ (served with a year's caching by
// src/http/web_routes.cc), index.html revalidated on each visit. The viewer (OpenSeadragon) and
// the curator's screens are separate chunks loaded when first needed.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  server: { fs: { allow: ['..'] }, proxy: { '/api': 'http://127.0.0.1:8080', '/iiif': 'http://127.0.0.1:8080' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: false,
    assetsInlineLimit: 2048,
    chunkSizeWarningLimit: 400,
  },
});
