package com.leadfactory.lineage.security;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;

/**
 * Serves requests through Spring Security's own filter chain, without the filter Spring Security puts in front of
 * it in a Spring MVC application. That filter looks up every request's Spring MVC handler once more, so that CORS
 * and {@code MvcRequestMatcher} can reuse it; this service configures no CORS and matches paths with its own
 * endpoint catalog ({@link EndpointMatchers}), so the lookup served nobody, and for a path with a variable it tries
 * every REST route's mapping in turn: about a tenth of a lookup's CPU (bench/README.md). Should a later version of
 * Spring Security wrap the chain differently, this leaves it as it is and says so at start-up.
 */
final class DropHandlerMappingCacheFilter implements BeanFactoryPostProcessor {

    static final String CHAIN = "springSecurityFilterChain";
    private static final String COMPOSITE = "$CompositeFilterChainProxy";
    private static final String CACHE_FILTER = "$HandlerMappingIntrospectorCacheFilterFactoryBean";
    private static final Logger log = LoggerFactory.getLogger(DropHandlerMappingCacheFilter.class);

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        if (!(beanFactory instanceof BeanDefinitionRegistry registry) || !registry.containsBeanDefinition(CHAIN)) {
            return;
        }
        BeanDefinition chain = registry.getBeanDefinition(CHAIN);
        BeanDefinition unwrapped = withoutCacheFilter(chain);
        if (unwrapped == null) {
            log.warn("Spring Security's filter chain is not wrapped as this version knows; left as it is (requests"
                    + " still work, and each one looks up its Spring MVC handler twice)");
        } else if (unwrapped != chain) {
            registry.removeBeanDefinition(CHAIN);
            registry.registerBeanDefinition(CHAIN, unwrapped);
        }
    }

    /**
     * The chain's definition with the cache filter's wrapper replaced by the chain it wraps (Spring Security wraps
     * the chain in up to two composites of [filter, chain]: the request path parser's, kept, and this cache's);
     * null when no composite of the expected shape holds it.
     */
    private static BeanDefinition withoutCacheFilter(BeanDefinition definition) {
        String type = definition.getBeanClassName();
        if (type == null || !type.endsWith(COMPOSITE)) {
            return null;
        }
        ConstructorArgumentValues.ValueHolder argument =
                definition.getConstructorArgumentValues().getIndexedArgumentValue(0, List.class);
        if (argument == null
                || !(argument.getValue() instanceof List<?> filters)
                || filters.size() != 2
                || !(filters.get(0) instanceof BeanDefinition first)
                || !(filters.get(1) instanceof BeanDefinition wrapped)) {
            return null;
        }
        if (first.getBeanClassName() != null && first.getBeanClassName().endsWith(CACHE_FILTER)) {
            return wrapped;
        }
        BeanDefinition inner = withoutCacheFilter(wrapped);
        if (inner == null) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<Object> mutable = (List<Object>) filters;
        mutable.set(1, inner);
        return definition;
    }
}
