#include "rank-records-merge.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace ns3
{

namespace
{

/** A connection's identity across ranks: its 4-tuple and its client's ISN (a 4-tuple used again
 *  later in the run is another connection with another ISN). */
using ConnectionKey = std::tuple<std::string, uint16_t, std::string, uint16_t, uint32_t>;

ConnectionKey
KeyOf(const RankConnection& c)
{
    return {c.record.clientAddress, c.record.clientPort, c.record.serverAddress, c.record.serverPort, c.iss};
}

/** (rank, rank-local connection id) -> merged id; 0 stays 0 (not known). */
using IdMap = std::map<std::pair<size_t, uint64_t>, uint64_t>;

uint64_t
Renumber(const IdMap& ids, size_t rank, uint64_t id)
{
    auto it = ids.find({rank, id});
    return it == ids.end() ? 0 : it->second;
}

/** Concatenates each rank's rows with their connection ids renumbered, then orders them by time,
 *  keeping the ranks' order (and each rank's own order) for rows of the same time. */
template <typename Row>
std::vector<Row>
MergeByTime(const std::vector<RankRecords>& ranks, std::vector<Row> RankRecords::*rows, const IdMap& ids)
{
    std::vector<Row> merged;
    for (size_t rank = 0; rank < ranks.size(); ++rank)
    {
        for (Row row : ranks[rank].*rows)
        {
            row.connectionId = Renumber(ids, rank, row.connectionId);
            merged.push_back(std::move(row));
        }
    }
    std::stable_sort(merged.begin(), merged.end(), [](const Row& a, const Row& b) { return a.time < b.time; });
    return merged;
}

} // namespace

RankRecords
RankRecordsMerge::Merge(const std::vector<RankRecords>& ranks)
{
    // The servers' sides, by connection.
    std::map<ConnectionKey, std::pair<size_t, const RankConnection*>> serverSides;
    for (size_t rank = 0; rank < ranks.size(); ++rank)
    {
        for (const RankConnection& c : ranks[rank].connections)
        {
            if (c.serverSideOnly)
            {
                serverSides[KeyOf(c)] = {rank, &c};
            }
        }
    }
    // The clients' records, in order of first SYN, with their servers' columns.
    struct Client
    {
        size_t rank;
        size_t order;
        const RankConnection* connection;
    };
    std::vector<Client> clients;
    for (size_t rank = 0; rank < ranks.size(); ++rank)
    {
        const std::vector<RankConnection>& own = ranks[rank].connections;
        for (size_t i = 0; i < own.size(); ++i)
        {
            if (!own[i].serverSideOnly)
            {
                clients.push_back({rank, i, &own[i]});
            }
        }
    }
    std::stable_sort(clients.begin(), clients.end(), [](const Client& a, const Client& b) {
        return a.connection->record.synSent.value_or(0) < b.connection->record.synSent.value_or(0);
    });
    RankRecords merged;
    IdMap ids;
    for (const Client& client : clients)
    {
        RankConnection c = *client.connection;
        c.record.id = merged.connections.size() + 1;
        ids[{client.rank, client.connection->record.id}] = c.record.id;
        auto server = serverSides.find(KeyOf(c));
        if (server != serverSides.end())
        {
            const ConnectionRecord& s = server->second.second->record;
            c.record.serverFinSent = s.serverFinSent;
            c.record.serverTimeWaitEntered = s.serverTimeWaitEntered;
            c.record.serverClosed = s.serverClosed;
            c.record.serverRetransmissions = s.serverRetransmissions;
            c.record.serverStateSource = s.serverStateSource;
            ids[{server->second.first, s.id}] = c.record.id;
        }
        merged.connections.push_back(std::move(c));
    }
    // Transactions in order of outcome.
    struct Outcome
    {
        size_t rank;
        const TransactionRecord* transaction;
        double time;
    };
    std::vector<Outcome> outcomes;
    for (size_t rank = 0; rank < ranks.size(); ++rank)
    {
        const RankRecords& r = ranks[rank];
        for (size_t i = 0; i < r.transactions.size() && i < r.transactionTimes.size(); ++i)
        {
            outcomes.push_back({rank, &r.transactions[i], r.transactionTimes[i]});
        }
    }
    std::stable_sort(outcomes.begin(), outcomes.end(),
                     [](const Outcome& a, const Outcome& b) { return a.time < b.time; });
    for (const Outcome& outcome : outcomes)
    {
        TransactionRecord t = *outcome.transaction;
        t.id = merged.transactions.size() + 1;
        t.connectionId = Renumber(ids, outcome.rank, t.connectionId);
        t.firstConnectionId = Renumber(ids, outcome.rank, t.firstConnectionId);
        merged.transactions.push_back(std::move(t));
        merged.transactionTimes.push_back(outcome.time);
    }
    merged.segments = MergeByTime(ranks, &RankRecords::segments, ids);
    merged.states = MergeByTime(ranks, &RankRecords::states, ids);
    // Drops, each with its client end. A rank may not know a drop's connection (a SYN lost at rank
    // 0's end of a link between ranks, before any server saw it): the connection is then, as
    // ConnectionRecorder::FindId would have said at the drop's time on one process, the latest one
    // its client end had opened by then.
    std::map<std::pair<std::string, uint16_t>, std::vector<std::pair<double, uint64_t>>> opened;
    for (const RankConnection& c : merged.connections)
    {
        opened[{c.record.clientAddress, c.record.clientPort}].emplace_back(c.record.synSent.value_or(0),
                                                                             c.record.id);
    }
    struct Drop
    {
        DropRecord record;
        DropClient client;
    };
    std::vector<Drop> drops;
    for (size_t rank = 0; rank < ranks.size(); ++rank)
    {
        const RankRecords& r = ranks[rank];
        for (size_t i = 0; i < r.drops.size(); ++i)
        {
            Drop drop{r.drops[i], i < r.dropClients.size() ? r.dropClients[i] : DropClient{}};
            drop.record.connectionId = Renumber(ids, rank, drop.record.connectionId);
            auto client = opened.find({drop.client.address, drop.client.port});
            if (drop.record.connectionId == 0 && client != opened.end())
            {
                for (const auto& [synSent, id] : client->second) // in order of first SYN
                {
                    if (synSent <= drop.record.time)
                    {
                        drop.record.connectionId = id;
                    }
                }
            }
            drops.push_back(std::move(drop));
        }
    }
    std::stable_sort(drops.begin(), drops.end(),
                     [](const Drop& a, const Drop& b) { return a.record.time < b.record.time; });
    for (Drop& drop : drops)
    {
        merged.drops.push_back(std::move(drop.record));
        merged.dropClients.push_back(std::move(drop.client));
    }
    for (const RankRecords& r : ranks)
    {
        merged.timeWaitAtEnd += r.timeWaitAtEnd;
    }
    return merged;
}

} // namespace ns3
