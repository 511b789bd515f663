package com.leadfactory.lineage;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LineagePanelApplication {

    public static void main(String[] args) {
        SpringApplication.run(LineagePanelApplication.class, args);
    }
}
