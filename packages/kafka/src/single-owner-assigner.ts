import { AssignerProtocol, type PartitionAssigner } from 'kafkajs';

/** Name of the assignment protocol, as the group coordinator sees it. */
export const SINGLE_OWNER_PROTOCOL = 'citybrain-single-owner';

/** What a member tells the group leader when it joins. */
interface OwnerClaim {
  /** The member holds the task's state now (it was the owner of the previous generation). */
  readonly owns: boolean;
}

const encodeClaim = (claim: OwnerClaim): Buffer => Buffer.from(JSON.stringify(claim), 'utf8');

function decodeClaim(userData: Buffer | null | undefined): OwnerClaim {
  try {
    const parsed: unknown = JSON.parse((userData ?? Buffer.alloc(0)).toString('utf8'));
    return {
      owns: typeof parsed === 'object' && parsed !== null && 'owns' in parsed && parsed.owns === true,
    };
  } catch {
    return { owns: false };
  }
}

/**
 * A partition assigner that gives every partition of every subscribed topic to ONE member, so that a
 * task whose state spans all input partitions (area rules read every grid) has one owner; the other
 * members are hot standbys that take over — restoring the state from the changelog — when the owner
 * leaves or dies. The current owner keeps the task across rebalances (sticky), so adding a standby
 * never moves state.
 */
export function singleOwnerAssigner(ownsTask: () => boolean): PartitionAssigner {
  return ({ cluster }) => ({
    name: SINGLE_OWNER_PROTOCOL,
    version: 1,
    protocol({ topics }) {
      return {
        name: SINGLE_OWNER_PROTOCOL,
        metadata: AssignerProtocol.MemberMetadata.encode({
          version: 1,
          topics,
          userData: encodeClaim({ owns: ownsTask() }),
        }),
      };
    },
    assign({ members, topics }) {
      const sorted = [...members].sort((a, b) => a.memberId.localeCompare(b.memberId));
      const owner =
        sorted.find(
          (m) => decodeClaim(AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.userData).owns,
        ) ?? sorted[0];
      const all: Record<string, number[]> = {};
      for (const topic of topics)
        all[topic] = cluster
          .findTopicPartitionMetadata(topic)
          .map((p) => p.partitionId)
          .sort((a, b) => a - b);
      return Promise.resolve(
        sorted.map((m) => ({
          memberId: m.memberId,
          memberAssignment: AssignerProtocol.MemberAssignment.encode({
            version: 1,
            assignment: m === owner ? all : {},
            userData: Buffer.alloc(0),
          }),
        })),
      );
    },
  });
}
