package io.skywire.node.runtime;

import io.skywire.node.discovery.DhtCounter;
import io.skywire.node.discovery.RecordRefusal;
import io.skywire.node.discovery.lan.LanCounter;
import io.skywire.node.discovery.pex.PexCounter;
import java.util.Map;

/**
 * A snapshot of what discovery counted, refused input included.
 *
 * @param lan            LAN multicast datagrams, by outcome
 * @param pex            peer-exchange messages, by outcome
 * @param records        records the directory refused, by reason (forged, expired, replayed...)
 * @param known          records held now (this node's own not included)
 * @param lanInterfaces  interfaces LAN discovery runs on (0 when off)
 * @param dht            DHT messages and lookups, by outcome
 * @param dhtRecords     records the DHT refused, by reason
 * @param dhtContacts    contacts in the DHT's routing table
 */
public record DiscoveryCounters(Map<LanCounter, Long> lan, Map<PexCounter, Long> pex,
                                Map<RecordRefusal, Long> records, int known, int lanInterfaces,
                                Map<DhtCounter, Long> dht, Map<RecordRefusal, Long> dhtRecords, int dhtContacts) {

    public DiscoveryCounters {
        lan = Map.copyOf(lan);
        pex = Map.copyOf(pex);
        records = Map.copyOf(records);
        dht = Map.copyOf(dht);
        dhtRecords = Map.copyOf(dhtRecords);
    }

    public long dht(DhtCounter counter) {
        return dht.getOrDefault(counter, 0L);
    }

    public long lan(LanCounter counter) {
        return lan.getOrDefault(counter, 0L);
    }

    public long pex(PexCounter counter) {
        return pex.getOrDefault(counter, 0L);
    }

    public long refused(RecordRefusal reason) {
        return records.getOrDefault(reason, 0L);
    }
}
