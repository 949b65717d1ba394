using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustomerFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "Customers",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "AnnualSales",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BankCreditRating",
                table: "Customers",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BusinessFormat",
                table: "Customers",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BusinessScope",
                table: "Customers",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "Customers",
                type: "TEXT",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Competitors",
                table: "Customers",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "FoundedOn",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Grade",
                table: "Customers",
                type: "TEXT",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GradePeriod",
                table: "Customers",
                type: "TEXT",
                maxLength: 7,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "GradeScore",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "GradedAt",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IncomeGroup",
                table: "Customers",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Industry",
                table: "Customers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InvoiceAccount",
                table: "Customers",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InvoiceBank",
                table: "Customers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InvoicePhone",
                table: "Customers",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InvoiceRequirements",
                table: "Customers",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LegalRepresentative",
                table: "Customers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LocationType",
                table: "Customers",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MarketCoverage",
                table: "Customers",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "MonthlyPurchasingPower",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "Customers",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<long>(
                name: "OffSeasonSales",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerName",
                table: "Customers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "OwnerSince",
                table: "Customers",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<DateOnly>(
                name: "OwnerSinceOn",
                table: "Customers",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "Ownership",
                table: "Customers",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "PeakSeasonSales",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProductsCarried",
                table: "Customers",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegionKey",
                table: "Customers",
                type: "TEXT",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "RegisteredByName",
                table: "Customers",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RegisteredCapital",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Remarks",
                table: "Customers",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Route",
                table: "Customers",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Customers",
                type: "TEXT",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Size",
                table: "Customers",
                type: "TEXT",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidUntil",
                table: "Customers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Website",
                table: "Customers",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Contacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    IsPrimary = table.Column<bool>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Department = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Fax = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Mobile = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Birthday = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    PersonalNotes = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Contacts_Customers_CustomerId",
                        column: x => x.CustomerId,
                        principalTable: "Customers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CustomerHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Changes = table.Column<string>(type: "TEXT", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerHistory", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DevelopmentApplications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Prospect = table.Column<string>(type: "TEXT", nullable: false),
                    Contacts = table.Column<string>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    NameKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RegionKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TaxNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ConfirmedNotDuplicateOf = table.Column<string>(type: "TEXT", nullable: false),
                    FiledBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FiledByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FiledAt = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: true),
                    CustomerCode = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DevelopmentApplications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Evaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Initiative = table.Column<long>(type: "INTEGER", nullable: false),
                    Capability = table.Column<long>(type: "INTEGER", nullable: false),
                    Reputation = table.Column<long>(type: "INTEGER", nullable: false),
                    Relations = table.Column<long>(type: "INTEGER", nullable: false),
                    InitiativeWeight = table.Column<int>(type: "INTEGER", nullable: false),
                    CapabilityWeight = table.Column<int>(type: "INTEGER", nullable: false),
                    ReputationWeight = table.Column<int>(type: "INTEGER", nullable: false),
                    RelationsWeight = table.Column<int>(type: "INTEGER", nullable: false),
                    WeightedScore = table.Column<long>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    EvaluatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EvaluatedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    EvaluatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReportedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReportedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ReportedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Incidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScorecardWeights",
                columns: table => new
                {
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    Initiative = table.Column<int>(type: "INTEGER", nullable: false),
                    Capability = table.Column<int>(type: "INTEGER", nullable: false),
                    Reputation = table.Column<int>(type: "INTEGER", nullable: false),
                    Relations = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScorecardWeights", x => x.BranchId);
                });

            migrationBuilder.CreateTable(
                name: "Violations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Type = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    RecordedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Violations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CustomerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    BranchId = table.Column<string>(type: "TEXT", maxLength: 50, nullable: false),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ContactedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ContactedByName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Visits", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_Category_Name",
                table: "Customers",
                columns: new[] { "BranchId", "Category", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_Grade_Name",
                table: "Customers",
                columns: new[] { "BranchId", "Grade", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_OwnerId_Name",
                table: "Customers",
                columns: new[] { "BranchId", "OwnerId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_RegionKey_Name",
                table: "Customers",
                columns: new[] { "BranchId", "RegionKey", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_Route_Name",
                table: "Customers",
                columns: new[] { "BranchId", "Route", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_SearchText_Id",
                table: "Customers",
                columns: new[] { "BranchId", "SearchText", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId_Status_Name",
                table: "Customers",
                columns: new[] { "BranchId", "Status", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_RegionKey_NameKey",
                table: "Customers",
                columns: new[] { "RegionKey", "NameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_Contacts_CustomerId",
                table: "Contacts",
                column: "CustomerId");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerHistory_CustomerId_Id",
                table: "CustomerHistory",
                columns: new[] { "CustomerId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_DevelopmentApplications_BranchId_FiledBy_FiledAt",
                table: "DevelopmentApplications",
                columns: new[] { "BranchId", "FiledBy", "FiledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DevelopmentApplications_BranchId_State_FiledAt",
                table: "DevelopmentApplications",
                columns: new[] { "BranchId", "State", "FiledAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DevelopmentApplications_RegionKey_NameKey",
                table: "DevelopmentApplications",
                columns: new[] { "RegionKey", "NameKey" });

            migrationBuilder.CreateIndex(
                name: "IX_DevelopmentApplications_TaxNumber",
                table: "DevelopmentApplications",
                column: "TaxNumber");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_CustomerId_EvaluatedAt",
                table: "Evaluations",
                columns: new[] { "CustomerId", "EvaluatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Incidents_CustomerId_OccurredOn",
                table: "Incidents",
                columns: new[] { "CustomerId", "OccurredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Violations_CustomerId_OccurredOn",
                table: "Violations",
                columns: new[] { "CustomerId", "OccurredOn" });

            migrationBuilder.CreateIndex(
                name: "IX_Visits_CustomerId_ContactedBy_On",
                table: "Visits",
                columns: new[] { "CustomerId", "ContactedBy", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_Visits_CustomerId_On",
                table: "Visits",
                columns: new[] { "CustomerId", "On" });

            // Files opened by the first slice get what the new columns can take from them; the keys are exact-match
            // approximations (lower case) until the file is next edited and the model computes them in full.
            migrationBuilder.Sql("UPDATE \"Customers\" SET \"OwnerSince\" = \"RegisteredAt\", \"OwnerSinceOn\" = \"EntryDate\", \"Category\" = 'General', \"NameKey\" = lower(\"Name\"), \"RegionKey\" = lower(\"Region\"), \"SearchText\" = lower(\"Code\" || ' | ' || \"Name\") WHERE \"NameKey\" = '';");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Contacts");

            migrationBuilder.DropTable(
                name: "CustomerHistory");

            migrationBuilder.DropTable(
                name: "DevelopmentApplications");

            migrationBuilder.DropTable(
                name: "Evaluations");

            migrationBuilder.DropTable(
                name: "Incidents");

            migrationBuilder.DropTable(
                name: "ScorecardWeights");

            migrationBuilder.DropTable(
                name: "Violations");

            migrationBuilder.DropTable(
                name: "Visits");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_Category_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_Grade_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_OwnerId_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_RegionKey_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_Route_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_SearchText_Id",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_BranchId_Status_Name",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_RegionKey_NameKey",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "AnnualSales",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "BankCreditRating",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "BusinessFormat",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "BusinessScope",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Category",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Competitors",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "FoundedOn",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Grade",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "GradePeriod",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "GradeScore",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "GradedAt",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "IncomeGroup",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Industry",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "InvoiceAccount",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "InvoiceBank",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "InvoicePhone",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "InvoiceRequirements",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "LegalRepresentative",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "LocationType",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "MarketCoverage",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "MonthlyPurchasingPower",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "NameKey",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "OffSeasonSales",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "OwnerName",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "OwnerSince",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "OwnerSinceOn",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Ownership",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "PeakSeasonSales",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ProductsCarried",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RegionKey",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RegisteredByName",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "RegisteredCapital",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Remarks",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Route",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "SearchText",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Size",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ValidUntil",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "Website",
                table: "Customers");
        }
    }
}
