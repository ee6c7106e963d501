import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

/** Name of the assignment protocol, as the group coordinator sees it. */
export const PARTITION_INDEX_PROTOCOL = 'citybrain-partition-index';

/** A member as the leader sees it when it assigns: its id and the indexes it owns now. */
export interface IndexClaim {
  readonly memberId: string;
  /** Partition indexes whose tasks this member holds now, with their state restored. */
  readonly owned: readonly number[];
}

const encodeOwned = (owned: readonly number[]): Buffer =>
  Buffer.from(JSON.stringify({ owned: [...owned] }), 'utf8');

function decodeOwned(userData: Buffer | null | undefined): number[] {
  try {
    const parsed: unknown = JSON.parse((userData ?? Buffer.alloc(0)).toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null || !('owned' in parsed)) return [];
    const owned: unknown = parsed.owned;
    return Array.isArray(owned) ? owned.filter((i): i is number => Number.isInteger(i) && i >= 0) : [];
  } catch {
    return [];
  }
}

/**
 * Spreads partition indexes over members, balanced (counts differ by at most one) and sticky: a
 * member keeps the indexes it owns as far as balance allows, so a rebalance moves as few tasks (and
 * as little state) as it can. Deterministic: the same claims give the same answer on any leader.
 * @returns per member id, its indexes in ascending order (every index exactly once).
 */
export function assignIndexes(
  claims: readonly IndexClaim[],
  indexes: readonly number[],
): Map<string, number[]> {
  const members = [...claims].sort((a, b) =>
    a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0,
  );
  const out = new Map<string, number[]>(members.map((m) => [m.memberId, []]));
  if (members.length === 0) return out;
  const all = [...new Set(indexes)].sort((a, b) => a - b);
  const base = Math.floor(all.length / members.length);
  let extra = all.length % members.length;
  const free = new Set(all);
  // Keep what each member owns, up to its share; only `extra` members may hold one more than base.
  for (const m of members) {
    const kept = out.get(m.memberId)!;
    for (const i of [...m.owned].sort((a, b) => a - b)) {
      if (!free.has(i)) continue;
      if (kept.length < base || (kept.length === base && extra > 0)) {
        if (kept.length === base) extra--;
        kept.push(i);
        free.delete(i);
      }
    }
  }
  // Hand out the rest: to members below base first, then one more each while `extra` lasts.
  const pool = [...free].sort((a, b) => a - b);
  for (const m of members) {
    const list = out.get(m.memberId)!;
    while (list.length < base && pool.length > 0) list.push(pool.shift()!);
  }
  for (const m of members) {
    if (pool.length === 0 || extra === 0) break;
    const list = out.get(m.memberId)!;
    if (list.length === base) {
      list.push(pool.shift()!);
      extra--;
    }
  }
  for (const list of out.values()) list.sort((a, b) => a - b);
  return out;
}

/**
 * A partition assigner for tasks defined by partition index (Kafka Streams' co-partitioning): the
 * partitions with index k of every subscribed topic go to the same member, so task k's inputs — the
 * k-th partition of each input topic and of the internal repartition topic — move together. Indexes
 * are spread evenly over the members and stay where they are when balance allows ({@link
 * assignIndexes}); `owned` tells the leader which indexes this member holds now.
 */
export function partitionIndexAssigner(owned: () => readonly number[]): PartitionAssigner {
  return ({ cluster }) => ({
    name: PARTITION_INDEX_PROTOCOL,
    version: 1,
    protocol({ topics }) {
      return {
        name: PARTITION_INDEX_PROTOCOL,
        metadata: AssignerProtocol.MemberMetadata.encode({
          version: 1,
          topics,
          userData: encodeOwned(owned()),
        }),
      };
    },
    assign({ members, topics }) {
      const partitionsOf = new Map<string, number[]>();
      const indexes = new Set<number>();
      for (const topic of topics) {
        const ps = cluster.findTopicPartitionMetadata(topic).map((p) => p.partitionId);
        partitionsOf.set(topic, ps);
        for (const p of ps) indexes.add(p);
      }
      const byMember = assignIndexes(
        members.map((m) => ({
          memberId: m.memberId,
          owned: decodeOwned(AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.userData),
        })),
        [...indexes],
      );
      return Promise.resolve(
        members.map((m) => {
          const mine = new Set(byMember.get(m.memberId) ?? []);
          const assignment: Record<string, number[]> = {};
          for (const [topic, ps] of partitionsOf) {
            const own = ps.filter((p) => mine.has(p)).sort((a, b) => a - b);
            if (own.length > 0) assignment[topic] = own;
          }
          return {
            memberId: m.memberId,
            memberAssignment: AssignerProtocol.MemberAssignment.encode({
              version: 1,
              assignment,
              userData: Buffer.alloc(0),
            }),
          };
        }),
      );
    },
  });
}
