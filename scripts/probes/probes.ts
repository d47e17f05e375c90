import { probe as acadreByraadHistorikDocx } from "./acadre-byraad-historik-docx.ts";
import { probe as acadreTmuDagsordenPdf } from "./acadre-tmu-dagsorden-pdf.ts";
import { probe as aeldreraadReferatDocx } from "./aeldreraad-referat-docx.ts";
import { probe as agendaListOnlyHtml } from "./agenda-list-only-html.ts";
import { probe as beslutningerBlokMd } from "./beslutninger-blok-md.ts";
import { probe as borgerpanelFedNumreMd } from "./borgerpanel-fed-numre-md.ts";
import { probe as edocDagsordenDocx } from "./edoc-dagsorden-docx.ts";
import { probe as firstagendaPublicationHtml } from "./firstagenda-publication-html.ts";
import { probe as grupperUdenOrdenTxt } from "./grupper-uden-orden-txt.ts";
import { probe as hmuTableReferatPdf } from "./hmu-table-referat-pdf.ts";
import { probe as itemTableDagsordenHtml } from "./item-table-dagsorden-html.ts";
import { probe as landdistriktsraadDagsordenTxt } from "./landdistriktsraad-dagsorden-txt.ts";
import type { Probe } from "./lib/probe.ts";
import { probe as limetIndholdsfortegnelseTxt } from "./limet-indholdsfortegnelse-txt.ts";
import { probe as lmuTabelReferatDocx } from "./lmu-tabel-referat-docx.ts";
import { probe as marginLabelsReferatPdf } from "./margin-labels-referat-pdf.ts";
import { probe as meetingsplusAccordionHtml } from "./meetingsplus-accordion-html.ts";
import { probe as numberColumnByraadPdf } from "./number-column-byraad-pdf.ts";
import { probe as oneItemPageHtml } from "./one-item-page-html.ts";
import { probe as oneItemPerPagePdf } from "./one-item-per-page-pdf.ts";
import { probe as pktUnderpunkterTxt } from "./pkt-underpunkter-txt.ts";
import { probe as prepareByraadReferatPdf } from "./prepare-byraad-referat-pdf.ts";
import { probe as regionsraadBeslutningsprotokolPdf } from "./regionsraad-beslutningsprotokol-pdf.ts";
import { probe as romertalBestyrelseTxt } from "./romertal-bestyrelse-txt.ts";
import { probe as sbsysReferatDocx } from "./sbsys-referat-docx.ts";
import { probe as scannedPageLokalraadPdf } from "./scanned-page-lokalraad-pdf.ts";
import { probe as skolebestyrelseMultilevelDocx } from "./skolebestyrelse-multilevel-docx.ts";
import { probe as tidsrumUdenDatoTxt } from "./tidsrum-uden-dato-txt.ts";
import { probe as tillaegsdagsordenPdf } from "./tillaegsdagsorden-pdf.ts";
import { probe as wordHtmlExportHtml } from "./word-html-export-html.ts";

/** Every layout probe, in the README's order: PDF, DOCX, HTML, text and Markdown. */
export const PROBES: readonly Probe[] = [
  prepareByraadReferatPdf,
  acadreTmuDagsordenPdf,
  regionsraadBeslutningsprotokolPdf,
  hmuTableReferatPdf,
  oneItemPerPagePdf,
  marginLabelsReferatPdf,
  numberColumnByraadPdf,
  tillaegsdagsordenPdf,
  scannedPageLokalraadPdf,
  sbsysReferatDocx,
  aeldreraadReferatDocx,
  edocDagsordenDocx,
  acadreByraadHistorikDocx,
  skolebestyrelseMultilevelDocx,
  lmuTabelReferatDocx,
  meetingsplusAccordionHtml,
  itemTableDagsordenHtml,
  firstagendaPublicationHtml,
  oneItemPageHtml,
  wordHtmlExportHtml,
  agendaListOnlyHtml,
  pktUnderpunkterTxt,
  romertalBestyrelseTxt,
  limetIndholdsfortegnelseTxt,
  grupperUdenOrdenTxt,
  beslutningerBlokMd,
  tidsrumUdenDatoTxt,
  landdistriktsraadDagsordenTxt,
  borgerpanelFedNumreMd,
];
