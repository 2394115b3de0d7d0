// The fields of a task's "read from" / "write to" section, as one descriptor list per kind of task: key (the field's
// name in the task JSON, as the server names its problems), label, kind, whether required, a hint, where a picker
// gets its choices, and read/write of its value in the task. The remote template and folder are every task's, named
// as the connector type names them (templateField, folderField of GET /connector-types); a scheduled task adds the
// task settings its connector type describes (taskSettings of GET /connector-types), kept in the task's settings
// object. The task editor builds these fields from the list alone.

/** Kinds: TEXT (one line), FILTER (several lines), TEMPLATE (a template picker), FOLDER (a folder picker). */
const topLevel = (descriptor) => ({...descriptor,
  read: (task) => task[descriptor.key],
  write: (task, value) => {
    task[descriptor.key] = value;
  }});

/** Without the type (not installed), the words of a Matrix42 instance, as the server's default. */
const MATRIX42_WORDS = {
  templateField: {label: 'Template code',
    description: 'The remote instance\'s template: the cards a scheduled task reads, or an event task writes.'},
  folderField: {label: 'Folder code',
    description: 'The remote folder: where a scheduled task reads the cards, and where an event task creates them.'},
};

/** The remote template and folder every task has, in the words of its connector's type. */
function remoteFields(words) {
  return [
    topLevel({key: 'remoteTemplate', label: words.templateField.label, kind: 'TEMPLATE', required: true,
      picker: {side: 'remote'}, hint: words.templateField.description}),
    topLevel({key: 'remoteFolder', label: words.folderField.label, kind: 'FOLDER', required: true,
      picker: {side: 'remote', template: 'remoteTemplate'}, hint: words.folderField.description}),
  ];
}

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
 * The descriptors of a kind of task ('scheduled' or 'event') of a connector: the remote template and folder, named as
 * its type names them, and for a scheduled task its type's task settings (none while the type is not installed).
 */
export async function taskFieldDescriptors(api, connector, kind) {
  const types = await api.get('/connector-types');
  const type = types.find((t) => t.id === connector.type);
  const remote = remoteFields(type || MATRIX42_WORDS);
  if (kind === 'event') {
    return remote;
  }
  return [...remote, ...(type ? type.taskSettings : []).map(setting)];
}
