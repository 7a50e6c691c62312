package io.mtl4j.examples;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The largest Java heap in use right after a garbage collection, over the life of the process: an
 * upper bound of the live data, unlike the resident set, which follows how far the collector chose to
 * grow the heap (up to {@code -Xmx}).
 */
final class HeapAfterGc {

    private final AtomicLong peak = new AtomicLong();

    private HeapAfterGc() {
    }

    /** @return a tracker listening to every collector of this JVM from now on */
    static HeapAfterGc start() {
        HeapAfterGc tracker = new HeapAfterGc();
        Set<String> heapPools = new HashSet<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener((notification, handback) -> {
                    if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
                        GarbageCollectionNotificationInfo info =
                                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                        long used = 0;
                        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                            if (heapPools.contains(pool.getKey())) {
                                used += pool.getValue().getUsed();
                            }
                        }
                        tracker.peak.accumulateAndGet(used, Math::max);
                    }
                }, null, null);
            }
        }
        return tracker;
    }

    /** @return the peak of heap used right after a collection, all heap pools together, in bytes */
    long peakBytes() {
        return peak.get();
    }
}
