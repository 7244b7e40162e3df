/*
 * Rank 0's merge of every rank's records (RankRecords) into the rows of one run, laid out as a run
 * on one process lays them out (doc/mpi.rst):
 * - a connection is its client's record (from the client's rank) with its server's columns (from
 *   the server's rank, matched by the 4-tuple and the client's ISN);
 * - connections are numbered again in order of first SYN, as ConnectionRecorder numbers them
 *   (same-time SYNs: by rank, then by each rank's order); transactions in order of outcome, as
 *   RequestRecorder numbers them; every connection id in transactions, segments, states and drops
 *   follows;
 * - segments, states and drops are in time order (same-time rows: by rank, then each rank's order);
 *   a drop whose rank did not know its connection gets the latest one its client end had opened by
 *   then (a SYN lost at rank 0's end of a link between ranks).
 */
#ifndef HANDSHAKE_RANK_RECORDS_MERGE_H
#define HANDSHAKE_RANK_RECORDS_MERGE_H

#include "ns3/rank-records.h"

#include <vector>

namespace ns3
{

class RankRecordsMerge
{
  public:
    /** \p ranks: each rank's records, by rank. */
    static RankRecords Merge(const std::vector<RankRecords>& ranks);
};

} // namespace ns3

#endif // HANDSHAKE_RANK_RECORDS_MERGE_H
