// The fields of a task's "read from" / "write to" section, as one descriptor list per kind of task: key (the field's
// name in the task JSON, as the server names its problems), label, kind, whether required, a hint, where a picker
// gets its choices, and read/write of its value in the task. The remote template and folder are every task's; a
// scheduled task adds the task settings its connector type describes (taskSettings of GET /connector-types), kept in
// the task's settings object. The task editor builds these fields from the list alone.

/** Kinds: TEXT (one line), FILTER (several lines), TEMPLATE (a template picker), FOLDER (a folder picker). */
const topLevel = (descriptor) => ({...descriptor,
  read: (task) => task[descriptor.key],
  write: (task, value) => {
    task[descriptor.key] = value;
  }});

const SCHEDULED = [
  topLevel({key: 'remoteTemplate', label: 'Template code', kind: 'TEMPLATE', required: true,
    picker: {side: 'remote'}, hint: 'The remote instance\'s template whose cards are read.'}),
  topLevel({key: 'remoteFolder', label: 'Folder code', kind: 'FOLDER', required: true,
    picker: {side: 'remote', template: 'remoteTemplate'}, hint: 'The remote folder the cards are read from.'}),
];

const EVENT = [
  topLevel({key: 'remoteTemplate', label: 'Template code', kind: 'TEMPLATE', required: true,
    picker: {side: 'remote'},
    hint: 'The remote instance\'s template where cards are created, updated or deleted; the local template with the same code is the source.'}),
  topLevel({key: 'remoteFolder', label: 'Folder code', kind: 'FOLDER', required: true,
    picker: {side: 'remote', template: 'remoteTemplate'}, hint: 'The remote folder new cards are created in.'}),
];

/** A task setting of the connector type, as GET /connector-types describes it. */
function setting(described) {
  return {key: `settings.${described.key}`, setting: described.key, label: described.label, kind: described.kind,
    required: described.required, defaultValue: described.defaultValue, hint: described.description,
    read: (task) => (task.settings || {})[described.key],
    write: (task, value) => {
      task.settings = {...(task.settings || {}), [described.key]: value};
    }};
}

/**
 * The descriptors of a kind of task ('scheduled' or 'event') of a connector: the remote template and folder, and for
 * a scheduled task its type's task settings (none while the type is not installed).
 */
export async function taskFieldDescriptors(api, connector, kind) {
  if (kind === 'event') {
    return EVENT;
  }
  const types = await api.get('/connector-types');
  const type = types.find((t) => t.id === connector.type);
  return [...SCHEDULED, ...(type ? type.taskSettings : []).map(setting)];
}
