// What other features use of documents (docs/architecture.md, "Web UI modules").
export { DocRow, DocumentsSection } from './DocumentsSection';
export { documentKeys, useDealDocuments, useDocumentTemplates } from './api';
export type { Doc } from './types';
