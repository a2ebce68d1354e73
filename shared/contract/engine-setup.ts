/**
 * Setting the engine up from the window: a venv with the engine's exact pins in the per-user
 * data folder, or an existing Python the person points at. Spread into API like ManageApi.
 */
import * as z from 'zod';

/** Where the engine's Python came from, in the order they are looked at (electron/engine/engine-location.ts). */
export const EngineSourceSchema = z.enum(['env', 'checkout', 'chosen', 'data-dir', 'path', 'none']);
export type EngineSource = z.infer<typeof EngineSourceSchema>;

/** Why the window offers the Engine screen instead of the dataset screens. */
export const SetupReasonSchema = z.enum(['none-found', 'pins-changed', 'not-working']);
export type SetupReason = z.infer<typeof SetupReasonSchema>;

export const EngineSetupNeedSchema = z.object({
  reason: SetupReasonSchema,
  /** The per-user data folder a set-up would write into. */
  dataDir: z.string(),
  /** Where the engine's Python was looked for, or the one that didn't work. */
  python: z.string().nullable(),
  source: EngineSourceSchema,
  /** The pylance a set-up installs (engine/python/requirements.txt). */
  pin: z.string(),
});
export type EngineSetupNeed = z.infer<typeof EngineSetupNeedSchema>;

/** The verdict on a Python: can it run the engine, and is it the engine's pinned pylance? */
export const PythonVerdictKindSchema = z.enum([
  'ready', // pylance == the pin, imports
  'other-pylance', // a pylance the engine can run (>= the minimum), not the pin
  'pylance-too-old',
  'no-pylance',
  'import-fails',
  'python-too-old',
  'not-python', // missing, not executable, or didn't answer like a Python
]);
export type PythonVerdictKind = z.infer<typeof PythonVerdictKindSchema>;

export const PythonCheckSchema = z.object({
  python: z.string(),
  verdict: PythonVerdictKindSchema,
  /** true for ready and other-pylance: the engine runs on it. */
  usable: z.boolean(),
  /** One sentence for people: what was found and what to do. */
  message: z.string(),
  pythonVersion: z.string().nullable(),
  pylance: z.string().nullable(),
  pinnedPylance: z.string(),
});
export type PythonCheck = z.infer<typeof PythonCheckSchema>;

export const SETUP_STEPS = ['find-python', 'create-venv', 'download', 'install', 'check'] as const;
export const SetupStepSchema = z.enum(SETUP_STEPS);
export type SetupStep = z.infer<typeof SetupStepSchema>;

export const EngineSetupStateSchema = z.object({
  status: z.enum(['idle', 'running', 'done', 'failed', 'cancelled']),
  step: SetupStepSchema.nullable(),
  /** 0..1 over the whole set-up; only goes up while it runs. */
  fraction: z.number().min(0).max(1),
  /** The package pip is downloading or installing now. */
  package: z.string().nullable(),
  /** Bytes of the current download, when pip reports them (pip >= 24.1's raw progress). */
  bytes: z.object({ done: z.number(), total: z.number() }).nullable(),
  /** What is happening, in a few words. */
  detail: z.string(),
  /** The last lines of the commands' output, for the log on demand. */
  log: z.array(z.string()),
  error: z.string().nullable(),
  /** The venv the set-up makes (or made). */
  target: z.string().nullable(),
  /** The Python the venv is made from. */
  basePython: z.string().nullable(),
});
export type EngineSetupState = z.infer<typeof EngineSetupStateSchema>;

const empty = z.object({}).default({});
/**
 * A Python interpreter's path or command name. Only names a Python goes by: the core runs what it
 * is given, so a window (or whatever speaks for it) can't make it start any other program.
 */
export const PYTHON_NAME = /^(python|pypy)[0-9.]*(\.exe)?$/i;
const PythonPathSchema = z
  .string()
  .trim()
  .min(1, 'a path to a Python interpreter, e.g. /usr/bin/python3')
  .max(4096)
  .refine(
    (p) => PYTHON_NAME.test(p.split(/[\\/]/).pop() ?? ''),
    'the path of a Python executable: its name is python, python3, python3.12, … (e.g. /usr/bin/python3, ~/venvs/lance/bin/python)',
  );

export const EngineSetupApi = {
  /** The set-up running or last run in this process (a window that opens late catches up). */
  engineSetupState: { input: empty, output: EngineSetupStateSchema },
  /** Starts a set-up in the data folder; `python` is the interpreter to make the venv from (found when left out). */
  startEngineSetup: { input: z.object({ python: PythonPathSchema.optional() }), output: EngineSetupStateSchema },
  cancelEngineSetup: { input: empty, output: z.object({ cancelled: z.boolean() }) },
  /** Checks a Python: version, pylance against the pin, `import lance`. Changes nothing. */
  checkPython: { input: z.object({ python: PythonPathSchema }), output: PythonCheckSchema },
  /** Checks it again and, when usable, makes it the engine's Python (remembered in the data folder). */
  useExistingPython: { input: z.object({ python: PythonPathSchema }), output: PythonCheckSchema },
} as const;

export const ENGINE_SETUP_EVENTS = {
  engineSetup: EngineSetupStateSchema,
} as const;

export const initialSetupState = (): EngineSetupState => ({
  status: 'idle',
  step: null,
  fraction: 0,
  package: null,
  bytes: null,
  detail: '',
  log: [],
  error: null,
  target: null,
  basePython: null,
});
