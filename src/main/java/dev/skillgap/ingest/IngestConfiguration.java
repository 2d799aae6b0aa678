package dev.skillgap.ingest;

import org.apache.camel.AggregationStrategy;
import org.apache.camel.processor.aggregate.GroupedBodyAggregationStrategy;
import org.apache.camel.processor.aggregate.UseLatestAggregationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The aggregation strategies the ingest routes name. */
@Configuration(proxyBeanMethods = false)
public class IngestConfiguration {

    /** Files of one release: only the arrival matters, the files themselves wait in the staging folder. */
    @Bean
    AggregationStrategy latestArrival() {
        return new UseLatestAggregationStrategy();
    }

    /** The parsed files of a release, as one list. */
    @Bean
    AggregationStrategy parsedFilesOfRelease() {
        return new GroupedBodyAggregationStrategy();
    }
}
