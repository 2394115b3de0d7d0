// The fields of a task that depend on its connector type, as one descriptor list per kind of task: key (the task
// JSON's field), label, kind, whether required, a hint, and where a picker gets its choices. The task editor builds
// these fields from the list alone. Today the list is the CoreProIGA type's (EQL filter, remote template and folder);
// when the REST API serves per-type task setting descriptors, only taskFieldDescriptors changes.

/** Kinds: TEXT (one line), QUERY (several lines), TEMPLATE (a template picker), FOLDER (a folder picker). */
const SCHEDULED = [
  {key: 'eqlFilter', label: 'Filtering query', kind: 'QUERY', required: false,
    hint: 'EQL, optional: only the cards that match are read, such as $status$ <> \'04 - Closed\'. Empty reads every card of the template.'},
  {key: 'remoteTemplate', label: 'Template code', kind: 'TEMPLATE', required: true,
    picker: {side: 'remote'}, hint: 'The remote instance\'s template whose cards are read.'},
  {key: 'remoteFolder', label: 'Folder code', kind: 'FOLDER', required: true,
    picker: {side: 'remote', template: 'remoteTemplate'}, hint: 'The remote folder the cards are read from.'},
];

const EVENT = [
  {key: 'remoteTemplate', label: 'Template code', kind: 'TEMPLATE', required: true,
    picker: {side: 'remote'},
    hint: 'The remote instance\'s template where cards are created, updated or deleted; the local template with the same code is the source.'},
  {key: 'remoteFolder', label: 'Folder code', kind: 'FOLDER', required: true,
    picker: {side: 'remote', template: 'remoteTemplate'}, hint: 'The remote folder new cards are created in.'},
];

/** The type-specific field descriptors of a kind of task ('scheduled' or 'event') of a connector. */
export async function taskFieldDescriptors(connector, kind) {
  return kind === 'event' ? EVENT : SCHEDULED;
}
