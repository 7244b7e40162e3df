/*
 * What one MPI rank recorded of a run spread over processes (doc/mpi.rst), sent to rank 0 as bytes
 * (Encode, Decode) for RankRecordsMerge: the rows of its own hosts, with what the merge needs to
 * match a connection's two sides and to order the rows as a run on one process does. Rank-local
 * connection ids: the merge numbers them again.
 */
#ifndef HANDSHAKE_RANK_RECORDS_H
#define HANDSHAKE_RANK_RECORDS_H

#include "ns3/run-records.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/** One connection as a rank saw it: its client's record (the client runs on this rank), or only
 *  its server's side (the server runs here, the client on another rank: serverSideOnly). */
struct RankConnection
{
    ConnectionRecord record;
    uint32_t iss{0};             //!< the client's initial sequence number, from its SYN
    bool serverSideOnly{false};  //!< only the server's columns (and server states) are this rank's
};

struct RankRecords
{
    std::vector<RankConnection> connections;
    std::vector<TransactionRecord> transactions;
    std::vector<double> transactionTimes; //!< when each transaction got its outcome (its order)
    std::vector<SegmentRecord> segments;
    std::vector<StateRecord> states;
    std::vector<DropRecord> drops;
    std::vector<DropClient> dropClients; //!< by drop: finds a drop's connection when its rank did not know it
    uint64_t timeWaitAtEnd{0}; //!< clients in TIME_WAIT when the run ended

    std::string Encode() const;
    /** Fills \p records from Encode's bytes; false (and \p error) when they are not whole. */
    static bool Decode(const std::string& bytes, RankRecords* records, std::string* error);
};

} // namespace ns3

#endif // HANDSHAKE_RANK_RECORDS_H
