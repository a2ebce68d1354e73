/**
 * What the app and a lance-index Ray job agree on (the event marker, the spec's file name, the
 * entry module), declared once in the engine's ray_protocol.json, which the job reads too.
 */
import protocol from '../../../engine/python/lance_engine/ray_protocol.json';

export const RAY_PROTOCOL: { event_prefix: string; spec_file: string; entry_module: string } = protocol;
