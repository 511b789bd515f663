package com.leadfactory.lineage;

import com.leadfactory.lineage.auditlog.VerifyAuditCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LineagePanelApplication {

    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(VerifyAuditCommand.NAME)) {
            System.exit(VerifyAuditCommand.run(args, System.getenv(), System.out, System.err));
        }
        SpringApplication.run(LineagePanelApplication.class, args);
    }
}
