import type { CheerioAPI } from "cheerio";
import type { Element } from "domhandler";
import { elementsIn, isLinkDense, nameTokens } from "./html-dom.ts";

/**
 * Agenda systems publish each item as an accordion: a button or summary with "1. Title" and a
 * panel that opens on click (FirstAgenda Publication, many CMS agenda modules). A collapsed panel
 * is hidden (`hidden`, `aria-hidden`, `display: none`) only until someone clicks; it is the item's
 * text. This makes such panels visible before the page is read, so that the walk, which drops
 * hidden elements, keeps them. Other hidden elements (menus, dialogs) stay hidden, and the
 * buttons that open a hidden menu are removed.
 * Returns how many panels it opened.
 */

/** Class or id names of collapsible panels. Tab panes are left alone: tabs repeat content. */
const COLLAPSIBLE_NAMES = /collaps|accordion|expand|fold|toggle|panel|drawer|disclosure/u;

export function revealCollapsedContent($: CheerioAPI, body: Element): number {
  const panels = new Set<Element>();
  const triggersOf = new Map<Element, Element[]>();
  const byId = (id: string) => $(`[id="${id.replaceAll('"', '\\"')}"]`, body).toArray();
  const triggers = $("[aria-expanded], [aria-controls]", body).toArray();
  const triggerIds = new Set(triggers.map((trigger) => trigger.attribs.id).filter(Boolean));
  for (const trigger of triggers) {
    for (const id of (trigger.attribs["aria-controls"] ?? "").split(/\s+/u)) {
      if (id === "") continue;
      for (const panel of byId(id)) {
        panels.add(panel);
        triggersOf.set(panel, [...(triggersOf.get(panel) ?? []), trigger]);
      }
    }
  }
  for (const element of elementsIn(body)) {
    if (!isHidden(element)) continue;
    const labelledBy = (element.attribs["aria-labelledby"] ?? "").split(/\s+/u);
    if (labelledBy.some((id) => triggerIds.has(id))) panels.add(element);
    else if (isCollapsiblePanel(element)) panels.add(element);
  }
  let revealed = 0;
  for (const panel of panels) {
    if (!isHidden(panel)) continue;
    if (isLinkDense(panel)) {
      // A hidden list of links opened by a button is a menu (the mobile navigation), not an
      // item; its button ("Menu") is a control, and goes with it.
      for (const trigger of triggersOf.get(panel) ?? []) $(trigger).remove();
      continue;
    }
    reveal(panel);
    revealed++;
  }
  return revealed;
}

function isCollapsiblePanel(element: Element): boolean {
  const tokens = nameTokens(element);
  if (tokens.some((token) => /tab-?pane|tabpanel|modal|menu|nav/u.test(token))) return false;
  return tokens.some((token) => COLLAPSIBLE_NAMES.test(token)) && !isLinkDense(element);
}

function isHidden(element: Element): boolean {
  if (element.attribs.hidden !== undefined || element.attribs["aria-hidden"] === "true")
    return true;
  return /display\s*:\s*none|visibility\s*:\s*hidden/iu.test(element.attribs.style ?? "");
}

function reveal(element: Element): void {
  delete element.attribs.hidden;
  if (element.attribs["aria-hidden"] === "true") delete element.attribs["aria-hidden"];
  const style = element.attribs.style;
  if (style !== undefined) {
    element.attribs.style = style
      .replace(/display\s*:\s*none\s*(?:!important)?\s*;?/giu, "")
      .replace(/visibility\s*:\s*hidden\s*(?:!important)?\s*;?/giu, "");
  }
}
