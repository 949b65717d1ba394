using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Crm.Customers.Infrastructure.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CustomerFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Kind",
                table: "Customers",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(20)",
                oldMaxLength: 20);

            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "Customers",
                type: "nvarchar(300)",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "AnnualSales",
                table: "Customers",
                type: "decimal(19,6)",
                precision: 19,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BankCreditRating",
                table: "Customers",
                type: "nvarchar(10)",
                maxLength: 10,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BusinessFormat",
                table: "Customers",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "BusinessScope",
                table: "Customers",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Category",
                table: "Customers",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Competitors",
                table: "Customers",
                type: "nvarchar(max)",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateOnly>(
                name: "FoundedOn",
                table: "Customers",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Grade",
                table: "Customers",
                type: "nvarchar(2)",
                maxLength: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "GradePeriod",
                table: "Customers",
                type: "nvarchar(7)",
                maxLength: 7,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "GradeScore",
                table: "Customers",
                type: "decimal(19,6)",
                precision: 19,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "GradedAt",
                table: "Customers",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "IncomeGroup",
                table: "Customers",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Industry",
                table: "Customers",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InvoiceAccount",
                table: "Customers",
                type: "nvarchar(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InvoiceBank",
                table: "Customers",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InvoicePhone",
                table: "Customers",
                type: "nvarchar(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "InvoiceRequirements",
                table: "Customers",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LegalRepresentative",
                table: "Customers",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LocationType",
                table: "Customers",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MarketCoverage",
                table: "Customers",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "MonthlyPurchasingPower",
                table: "Customers",
                type: "decimal(19,6)",
                precision: 19,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "Customers",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<decimal>(
                name: "OffSeasonSales",
                table: "Customers",
                type: "decimal(19,6)",
                precision: 19,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OwnerName",
                table: "Customers",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OwnerSince",
                table: "Customers",
                type: "datetimeoffset",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<DateOnly>(
                name: "OwnerSinceOn",
                table: "Customers",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<string>(
                name: "Ownership",
                table: "Customers",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "PeakSeasonSales",
                table: "Customers",
                type: "decimal(19,6)",
                precision: 19,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProductsCarried",
                table: "Customers",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegionKey",
                table: "Customers",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "RegisteredByName",
                table: "Customers",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "RegisteredCapital",
                table: "Customers",
                type: "decimal(19,6)",
                precision: 19,
                scale: 6,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Remarks",
                table: "Customers",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Route",
                table: "Customers",
                type: "nvarchar(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchText",
                table: "Customers",
                type: "nvarchar(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "Size",
                table: "Customers",
                type: "nvarchar(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ValidUntil",
                table: "Customers",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Website",
                table: "Customers",
                type: "nvarchar(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Contacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    IsPrimary = table.Column<bool>(type: "bit", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Department = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Title = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Phone = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    Fax = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    Mobile = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: true),
                    Email = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Birthday = table.Column<DateOnly>(type: "date", nullable: true),
                    PersonalNotes = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    By = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ByName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Action = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Changes = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerHistory", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DevelopmentApplications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Prospect = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Contacts = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Region = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    NameKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RegionKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    TaxNumber = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    ConfirmedNotDuplicateOf = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    FiledBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    FiledByName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    FiledAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    State = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    DecidedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    DecidedByName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    DecisionNote = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    CustomerCode = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: true),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DevelopmentApplications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Evaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Initiative = table.Column<decimal>(type: "decimal(19,6)", precision: 19, scale: 6, nullable: false),
                    Capability = table.Column<decimal>(type: "decimal(19,6)", precision: 19, scale: 6, nullable: false),
                    Reputation = table.Column<decimal>(type: "decimal(19,6)", precision: 19, scale: 6, nullable: false),
                    Relations = table.Column<decimal>(type: "decimal(19,6)", precision: 19, scale: 6, nullable: false),
                    InitiativeWeight = table.Column<int>(type: "int", nullable: false),
                    CapabilityWeight = table.Column<int>(type: "int", nullable: false),
                    ReputationWeight = table.Column<int>(type: "int", nullable: false),
                    RelationsWeight = table.Column<int>(type: "int", nullable: false),
                    WeightedScore = table.Column<decimal>(type: "decimal(19,6)", precision: 19, scale: 6, nullable: false),
                    Comment = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    EvaluatedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    EvaluatedByName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    EvaluatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ReportedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ReportedByName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ReportedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Incidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ScorecardWeights",
                columns: table => new
                {
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Initiative = table.Column<int>(type: "int", nullable: false),
                    Capability = table.Column<int>(type: "int", nullable: false),
                    Reputation = table.Column<int>(type: "int", nullable: false),
                    Relations = table.Column<int>(type: "int", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScorecardWeights", x => x.BranchId);
                });

            migrationBuilder.CreateTable(
                name: "Violations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    OccurredOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Type = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    RecordedByName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Violations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    CustomerId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    BranchId = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(30)", maxLength: 30, nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    ContactedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    ContactedByName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Visits", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Customers_BranchId",
                table: "Customers",
                column: "BranchId")
                .Annotation("SqlServer:Include", new[] { "SearchText", "Name" });

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
            migrationBuilder.Sql("UPDATE [Customers] SET [OwnerSince] = [RegisteredAt], [OwnerSinceOn] = CAST([EntryDate] AS date), [Category] = N'General', [NameKey] = LOWER([Name]), [RegionKey] = LOWER([Region]), [SearchText] = LOWER([Code] + N' | ' + [Name]) WHERE [NameKey] = N'';");
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
                name: "IX_Customers_BranchId",
                table: "Customers");

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

            migrationBuilder.AlterColumn<string>(
                name: "Kind",
                table: "Customers",
                type: "nvarchar(20)",
                maxLength: 20,
                nullable: false,
                oldClrType: typeof(string),
                oldType: "nvarchar(30)",
                oldMaxLength: 30);
        }
    }
}
