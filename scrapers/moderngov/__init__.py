"""ModernGov parsing that needs no Scrapy: the mgWebService.asmx web service."""
