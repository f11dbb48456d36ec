export { reportTables, type ReportCell, type ReportColumn, type ReportTable } from './report-tables';
export { toCsv } from './csv';
export { aboutSheetName, toXlsx } from './xlsx';
export { toHtml } from './html';
export { toPdf } from './pdf';
export { assertMetaDescribesReport, type EvaluationExportMeta } from './export-meta';
