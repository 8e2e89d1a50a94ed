// The panel's looks: panel.css as a constructable stylesheet in the loader's shadow root (no
// <style>, so strict style-src pages work) and the icon font registered on the document.

/** The text of panel.css: the joiner (backend/shopchat/api/widget_build.py) puts it here. */
export const PANEL_CSS = '@inline ./panel.css';

/** @param {ShadowRoot} root */
export function adoptStyles(root) {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(PANEL_CSS);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
}

/** @type {Promise<unknown>|null} */
let fontLoad = null;

/**
 * Register the icon font once. @font-face inside a shadow root is ignored, hence FontFace on
 * the document; its load is a CORS request the server allows for the shop's origins (?shop=).
 * @param {(name: string) => string} res the loader's URL of a versioned resource
 */
export function loadIconFont(res) {
  if (fontLoad || typeof FontFace !== 'function') return fontLoad;
  const face = new FontFace(
    'shopchat-icons',
    `url("${res('icons.woff2')}") format("woff2"),url("${res('icons.woff')}") format("woff")`,
    { display: 'block' },
  );
  document.fonts.add(face);
  fontLoad = face.load().catch((e) => console.warn(`[shopchat] icon font: ${e}`));
  return fontLoad;
}
