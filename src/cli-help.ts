// The command line's help, written from the option and command tables in
// cli.ts: the usage, each command's --help and the exit codes come from the
// same definitions the parser uses, so a new option shows up in the help by
// being defined. Pure: strings in, strings out.

export interface OptionHelp {
  type: 'string' | 'boolean';
  multiple?: boolean;
  short?: string;
  /** The value's placeholder in the help (DIR, FILE, N…); none for a flag. */
  arg?: string;
  help: string;
}

export interface CommandHelp {
  summary: string;
  /** The command's own options, in the order the help lists them. */
  options: readonly string[];
  /** Positional arguments, as the synopsis writes them (e.g. "IMAGE..."). */
  positionals?: string;
  /** Options the command cannot run without. */
  required?: readonly string[];
  example: string;
}

/** Exit codes, one source for the help and the docs. */
export const EXIT_CODES: readonly (readonly [number, string])[] = [
  [0, 'success'],
  [1, 'an error: bad input, a failed step, or (sweep) a variant that failed; one line says what and how to fix it'],
  [2, 'run and report: the --thresholds were crossed (the report is written); trend: the last run is worse beyond seed noise'],
];

/** Options every command takes. */
export const COMMON_OPTIONS: readonly string[] = ['verbose', 'quiet', 'help'];

function optionSynopsis(name: string, option: OptionHelp, required: boolean): string {
  const text = `--${name}${option.arg ? ` ${option.arg}` : ''}${option.multiple ? '...' : ''}`;
  return required ? text : `[${text}]`;
}

function synopsis(program: string, name: string, command: CommandHelp, options: Readonly<Record<string, OptionHelp>>): string {
  const parts = command.options.map((option) => optionSynopsis(option, options[option], command.required?.includes(option) ?? false));
  if (command.positionals) parts.push(command.positionals);
  return `${program} ${name} ${parts.join(' ')}`.trimEnd();
}

function exitCodes(): string {
  return ['exit codes:', ...EXIT_CODES.map(([code, meaning]) => `  ${code}  ${meaning}`)].join('\n');
}

/** The whole tool's usage: one synopsis per command. */
export function formatUsage(program: string, commands: Readonly<Record<string, CommandHelp>>, options: Readonly<Record<string, OptionHelp>>): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    'usage:',
    ...Object.entries(commands).map(([name, command]) => `  ${synopsis(program, name.padEnd(width), command, options)}`),
    '',
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    `"${program} COMMAND --help" describes a command's options; "${program} --version" prints the version.`,
    'Every command takes --verbose (stack traces with errors) and --quiet (only errors).',
    '',
    exitCodes(),
  ].join('\n');
}

/** One command's help: synopsis, what it does, each option, an example, the exit codes. */
export function formatCommandHelp(program: string, name: string, commands: Readonly<Record<string, CommandHelp>>, options: Readonly<Record<string, OptionHelp>>): string {
  const command = commands[name];
  const listed = [...command.options, ...COMMON_OPTIONS];
  const labels = listed.map((option) => `--${option}${options[option].arg ? ` ${options[option].arg}` : ''}`);
  const width = Math.max(...labels.map((label) => label.length));
  return [
    `usage: ${synopsis(program, name, command, options)}`,
    '',
    command.summary,
    '',
    'options:',
    ...listed.map((option, index) => `  ${labels[index].padEnd(width)}  ${options[option].help}`),
    '',
    'example:',
    `  ${command.example}`,
    '',
    exitCodes(),
  ].join('\n');
}
