/**
 * The plaintext inside a container: manifest length u32 | manifest JSON | member bytes, in
 * manifest order. `packMembers` produces it; `unpackMembers` reads it back and checks every
 * member's size and SHA-256 against the manifest.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { tampered } from './format.js';
import { manifestSchema, type BackupManifest, type BackupMember } from './manifest.js';

const READ_PIECE = 256 * 1024;

export interface PackedMembers {
  plaintextBytes: number;
  pieces: AsyncIterable<Buffer>;
}

/** The plaintext for `manifest`, reading each member from `pathOf(name)`. */
export function packMembers(
  manifest: BackupManifest,
  pathOf: (member: BackupMember) => string,
): PackedMembers {
  const json = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(json.length);
  const memberBytes = manifest.members.reduce((sum, member) => sum + member.size, 0);

  async function* pieces(): AsyncGenerator<Buffer> {
    yield Buffer.concat([length, json]);
    for (const member of manifest.members) yield* readFilePieces(pathOf(member), member.size);
  }

  return { plaintextBytes: 4 + json.length + memberBytes, pieces: pieces() };
}

async function* readFilePieces(path: string, size: number): AsyncGenerator<Buffer> {
  const handle = await open(path, 'r');
  try {
    let position = 0;
    while (position < size) {
      const buffer = Buffer.alloc(Math.min(READ_PIECE, size - position));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) throw new Error(`member file shrank while packing [${path}]`);
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close();
  }
}

/** Where one member's bytes go while unpacking (a hash only, or a staged file). */
export interface MemberSink {
  write(piece: Buffer): Promise<void>;
  end(): Promise<void>;
}

/** Reads the manifest and every member; throws BACKUP_TAMPERED on any mismatch. */
export async function unpackMembers(
  chunks: AsyncIterable<Buffer>,
  sinkFor: (member: BackupMember) => Promise<MemberSink | undefined>,
): Promise<BackupManifest> {
  const queue = new ByteQueue(chunks[Symbol.asyncIterator]());
  const manifest = parseManifest(await queue.exact((await queue.exact(4)).readUInt32BE(0)));
  for (const member of manifest.members) {
    const hash = createHash('sha256');
    const sink = await sinkFor(member);
    for await (const piece of queue.pieces(member.size)) {
      hash.update(piece);
      await sink?.write(piece);
    }
    await sink?.end();
    if (hash.digest('hex') !== member.sha256)
      throw tampered(`member ${member.name}`, 'its SHA-256 differs from the manifest');
  }
  if (!(await queue.atEnd())) throw tampered('end', 'bytes follow the last member');

  return manifest;
}

function parseManifest(json: Buffer): BackupManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(json.toString('utf8'));
  } catch {
    throw tampered('manifest', 'it is not JSON');
  }
  const parsed = manifestSchema.safeParse(raw);
  if (!parsed.success) throw tampered('manifest', 'it does not have the expected fields');
  const names = parsed.data.members.map((member) => member.name);
  if (new Set(names).size !== names.length) throw tampered('manifest', 'a member is listed twice');

  return parsed.data;
}

/** Pulls exact byte counts out of a stream of chunks of any size. */
class ByteQueue {
  private head: Buffer = Buffer.alloc(0);

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  async exact(length: number): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const piece of this.pieces(length)) parts.push(piece);

    return Buffer.concat(parts);
  }

  async *pieces(length: number): AsyncGenerator<Buffer> {
    let left = length;
    while (left > 0) {
      if (this.head.length === 0 && !(await this.pull()))
        throw tampered('end', 'the plaintext ends inside a member');
      const take = Math.min(left, this.head.length);
      yield this.head.subarray(0, take);
      this.head = this.head.subarray(take);
      left -= take;
    }
  }

  async atEnd(): Promise<boolean> {
    return this.head.length === 0 && !(await this.pull());
  }

  private async pull(): Promise<boolean> {
    const next = await this.source.next();
    if (next.done) return false;
    this.head = next.value;

    return true;
  }
}
